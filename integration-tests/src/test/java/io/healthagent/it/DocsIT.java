package io.healthagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The docs' examples run: the demo stream server, configured as scripts/demo.sh configures it, and
 * scripts/check-docs.sh against it (every runnable block of README.md and docs/, no unmarked curl example,
 * every series with its row in docs/metrics.md, no history of the work in the docs).
 */
class DocsIT {
    private static final Path ROOT = Paths.get("..").toAbsolutePath().normalize();

    @Test
    void everyRunnableExampleRunsAgainstTheDemo() throws Exception {
        int port = HostProcess.freePort();
        int agentPort = HostProcess.freePort();
        int redisPort = HostProcess.freePort();
        Path data = HostProcess.WORK.resolve("docs-data").toAbsolutePath();
        String agent = "http://127.0.0.1:" + agentPort;
        try (RedisServer redis = new RedisServer(redisPort, null).start();
             HostProcess host = HostProcess.streamServer("docs", HostProcess.currentJavaHome(),
                     "port=" + agentPort + ",host=127.0.0.1,check.interval=1s"
                             + ",db.url=jdbc:sqlite:" + data.resolve("catalog.db")
                             + ",audio.dir=" + data.resolve("audio") + ",cache.dir=" + data.resolve("cache")
                             + ",redis.url=redis://127.0.0.1:" + redisPort + ",websocket.max_connections=1000"
                             + ",check.catalog_api.url=http://127.0.0.1:" + port + "/api/tracks", port,
                     List.of("--simulate", "2"))) {
            host.awaitOutput("health endpoints on", Duration.ofSeconds(60));
            Reports.awaitReport(agent, r -> r.path("checks").path("catalog_api").path("status").asText()
                    .equals("pass") && r.path("routes").size() > 0, Duration.ofSeconds(30));

            ProcessBuilder pb = new ProcessBuilder("bash", ROOT.resolve("scripts/check-docs.sh").toString())
                    .redirectErrorStream(true).directory(ROOT.toFile());
            pb.environment().put("AGENT_URL", agent);
            pb.environment().put("SERVER_URL", "http://127.0.0.1:" + port);
            Process check = pb.start();
            check.getOutputStream().close();
            String out = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(check.waitFor(5, TimeUnit.MINUTES), "check-docs.sh did not finish: " + out);
            System.out.println(out);
            assertEquals(0, check.exitValue(), out);

            Matcher ran = Pattern.compile("(\\d+) runnable examples ran").matcher(out);
            assertTrue(ran.find(), out);
            assertEquals(markedBlocks(), Integer.parseInt(ran.group(1)), "every marked block ran");
            assertTrue(Integer.parseInt(ran.group(1)) >= 15, "the docs hold their examples: " + out);
            Http.assertNoAgentErrors(agent);
        }
    }

    private static long markedBlocks() throws IOException {
        long n = count(ROOT.resolve("README.md"));
        try (Stream<Path> pages = Files.list(ROOT.resolve("docs"))) {
            for (Path page : (Iterable<Path>) pages.filter(p -> p.toString().endsWith(".md"))::iterator) n += count(page);
        }
        return n;
    }

    private static long count(Path page) throws IOException {
        return Files.readAllLines(page).stream().filter(l -> l.trim().equals("<!-- runnable -->")).count();
    }
}

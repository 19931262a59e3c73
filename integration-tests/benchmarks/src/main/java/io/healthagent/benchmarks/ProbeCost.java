package io.healthagent.benchmarks;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the agent's port costs the host: the stream server with the agent, idle, pinned to core 0; wrk
 * (core 1) on /health/live, /health/ready, /health/detailed and /metrics. Prints requests per second, the
 * host's CPU per request, what 1,000 probes a second would cost (% of a core), and the host's threads at
 * peak. Run by scripts/bench.sh:
 * {@code java -cp benchmarks.jar io.healthagent.benchmarks.ProbeCost --agent A --server S}.
 */
public final class ProbeCost {
    private ProbeCost() {
    }

    public static void main(String[] args) throws Exception {
        String agent = Paths.get(args[1]).toAbsolutePath().toString();
        String server = Paths.get(args[3]).toAbsolutePath().toString();
        int appPort = 18700;
        int agentPort = 18702;
        Path work = Files.createTempDirectory("health-agent-probe-cost-");
        Process p = new ProcessBuilder("taskset", "-c", "0", Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-javaagent:" + agent + "=port=" + agentPort + ",host=127.0.0.1", "-jar", server, "--host", "127.0.0.1",
                "--port", String.valueOf(appPort), "--data-dir", work.resolve("data").toString())
                .directory(work.toFile()).redirectErrorStream(true).redirectOutput(work.resolve("server.log").toFile()).start();
        try {
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (!answers(agentPort) && System.nanoTime() < deadline) Thread.sleep(100);
            StringBuilder out = new StringBuilder("| path | requests/s | host CPU per request (µs) | 1,000 requests/s cost (% of a core) | host threads at peak |\n|---|---|---|---|---|\n");
            for (String path : List.of("/health/live", "/health/live ", "/health/ready", "/health", "/health/detailed", "/metrics")) {
                // "/health/live " (with a space): a new connection per probe, as a kubelet makes
                wrk(agentPort, path, 3); // warm
                List<double[]> runs = new ArrayList<>();
                int peak = 0;
                for (int r = 0; r < 3; r++) {
                    long before = ticks(p.pid());
                    double[] rps = wrk(agentPort, path, 3);
                    long ticks = ticks(p.pid()) - before;
                    peak = Math.max(peak, threads(p.pid()));
                    runs.add(new double[] {rps[0], ticks * 10_000.0 / rps[1]});
                }
                runs.sort((a, b) -> Double.compare(a[1], b[1]));
                double[] median = runs.get(1);
                out.append(String.format(Locale.ROOT, "| `%s`%s | %.0f | %.1f | %.2f | %d |%n", path.trim(),
                        path.endsWith(" ") ? ", a new connection each" : "", median[0], median[1],
                        median[1] * 1000 / 1e6 * 100, peak));
            }
            System.out.print(out);
        } finally {
            p.destroy();
            p.waitFor();
        }
    }

    private static boolean answers(int port) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/health").toURL().openConnection();
            c.setConnectTimeout(500);
            c.setReadTimeout(500);
            return c.getResponseCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    /** {requests per second, requests} of wrk, 1 thread and 16 connections for {@code seconds}, on core 1. */
    private static double[] wrk(int port, String path, int seconds) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("taskset", "-c", "1", "wrk", "-t1", "-c16", "-d" + seconds + "s"));
        if (path.endsWith(" ")) cmd.addAll(List.of("-H", "Connection: close"));
        cmd.add("http://127.0.0.1:" + port + path.trim());
        Process w = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(w.getInputStream().readAllBytes());
        w.waitFor();
        Matcher rps = Pattern.compile("Requests/sec:\\s+([\\d.]+)").matcher(out);
        Matcher n = Pattern.compile("(\\d+) requests in").matcher(out);
        if (!rps.find() || !n.find()) throw new IllegalStateException("wrk said: " + out);
        return new double[] {Double.parseDouble(rps.group(1)), Double.parseDouble(n.group(1))};
    }

    private static long ticks(long pid) throws IOException {
        String stat = Files.readString(Paths.get("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(") ") + 2).trim().split("\\s+");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    private static int threads(long pid) throws IOException {
        try (var s = Files.list(Paths.get("/proc/" + pid + "/task"))) {
            return (int) s.count();
        }
    }
}

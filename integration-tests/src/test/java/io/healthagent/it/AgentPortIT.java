package io.healthagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The agent's port under abuse, and probe codes that mean what Kubernetes and Docker think. One stream
 * server with the agent for the class. While each attack runs, a well-behaved client polls /health/live
 * and /health/ready every 100 ms: none may fail or take over a second. After each, the host's threads and
 * file descriptors come back. Counts are small here (about a minute and a half in all); scripts/port-soak.sh
 * runs the same tests with the full counts ({@code -Dport.soak=true}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AgentPortIT {
    private static final boolean SOAK = Boolean.getBoolean("port.soak");
    private static HostProcess host;
    private static int appPort;
    private static int agentPort;
    private static Path data;
    private static long pid;

    @BeforeAll
    static void startHost() throws Exception {
        appPort = HostProcess.freePort();
        agentPort = HostProcess.freePort();
        int dead = HostProcess.freePort(); // nothing listens there
        data = HostProcess.WORK.resolve("agent-port-data").toAbsolutePath();
        host = HostProcess.streamServer("agent-port", HostProcess.currentJavaHome(),
                "port=" + agentPort + ",host=127.0.0.1,check.interval=1s,check.timeout=1s"
                        + ",db.url=jdbc:sqlite:" + data.resolve("catalog.db") + ",audio.dir=" + data.resolve("audio")
                        + ",jaeger.endpoint=http://127.0.0.1:" + dead + "/"
                        + ",check.external_api.url=http://127.0.0.1:" + dead + "/health"
                        + ",redis.url=redis://127.0.0.1:" + dead, appPort);
        host.awaitOutput("stream-server listening", Duration.ofSeconds(60));
        host.awaitHttp(agent("/health/live"), Duration.ofSeconds(30));
        pid = host.process.pid();
    }

    @AfterAll
    static void stopHost() throws Exception {
        if (host != null) {
            String out = host.output();
            assertTrue(!out.contains("\tat "), "no stack trace on the host's output:\n" + out);
            JsonNode agentBlock = Http.get(agent("/health/detailed")).json().get("agent");
            assertEquals(0, agentBlock.get("errors").asLong(), "the agent caught no error of its own: " + agentBlock);
            host.close();
        }
    }

    private static String agent(String path) {
        return "http://127.0.0.1:" + agentPort + path;
    }

    @Test
    @Order(1)
    void optionalDependenciesAndLoadNeverFailAProbe() throws Exception {
        JsonNode report = Reports.awaitReport(agent(""), r -> r.path("checks").path("jaeger").path("status")
                .asText().equals("fail") && r.path("checks").path("redis").path("status").asText().equals("fail")
                && r.path("checks").path("external_api").path("status").asText().equals("fail")
                && r.path("checks").path("database").path("status").asText().equals("pass"), Duration.ofSeconds(30));
        assertEquals("unhealthy", report.get("status").asText(), "the body tells the truth");
        for (String probe : List.of("/health/live", "/health/ready", "/health")) {
            Http.Reply r = Http.get(agent(probe));
            assertEquals(200, r.status(), probe + " answers 200 with tracing, an external API and a cache down: " + r.body());
        }
        assertEquals("unhealthy", Http.get(agent("/health")).json().get("status").asText());
        assertEquals("unhealthy", Http.get(agent("/health/ready")).json().get("service_status").asText());
    }

    @Test
    @Order(2)
    void theAttacksLeaveTheProbesAnswering() throws Exception {
        warmUp();
        int threads0 = threads();
        int fds0 = fds();
        System.out.printf("baseline: %d threads, %d file descriptors%n", threads0, fds0);
        double quietPing = hostLatencyP50();

        attack("idle keep-alive clients", threads0, fds0, () -> {
            List<Socket> held = new ArrayList<>();
            try {
                for (int i = 0; i < (SOAK ? 200 : 100); i++) {
                    Socket s = connect();
                    s.getOutputStream().write("GET /health HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    assertTrue(readAnswer(s).startsWith("HTTP/1.1 200"), "a keep-alive answer");
                    held.add(s);
                }
                Thread.sleep(SOAK ? 10_000 : 3_000);
            } finally {
                for (Socket s : held) s.close();
            }
            return null;
        });

        double[] duringSlowloris = new double[1];
        attack("slowloris connections", threads0, fds0, () -> {
            List<Socket> slow = new ArrayList<>();
            int n = SOAK ? 1000 : 1100; // past the port's 1,024 connections: the oldest slow heads are closed
            long seconds = SOAK ? 30 : 7;
            try {
                for (int i = 0; i < n; i++) {
                    Socket s = connect();
                    s.getOutputStream().write("GET /health HTTP/1.1\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
                    slow.add(s);
                }
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
                boolean measured = false;
                while (System.nanoTime() < end) {
                    for (Socket s : slow) {
                        try {
                            s.getOutputStream().write('a');
                        } catch (IOException closedByThePort) {
                            // 408 and closed, or evicted: what should happen
                        }
                    }
                    if (!measured) {
                        duringSlowloris[0] = hostLatencyP50();
                        measured = true;
                    } else {
                        Thread.sleep(1000);
                    }
                }
                int timedOut = 0;
                for (Socket s : slow) {
                    s.setSoTimeout(100);
                    try {
                        String answer = new String(s.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
                        if (answer.isEmpty() || answer.startsWith("HTTP/1.1 408")) timedOut++;
                    } catch (IOException e) {
                        timedOut++; // reset: closed by the port
                    }
                }
                assertEquals(n, timedOut, "every slow head was answered 408 or closed");
            } finally {
                for (Socket s : slow) s.close();
            }
            return null;
        });

        attack("oversized heads and declared bodies", threads0, fds0, () -> {
            List<Socket> held = new ArrayList<>();
            int n = SOAK ? 200 : 60;
            try {
                AtomicInteger refused = new AtomicInteger();
                for (int i = 0; i < n; i++) {
                    Socket s = connect();
                    String request = i % 3 == 0 ? "GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(200_000)
                            : i % 3 == 1 ? "GET /" + "a".repeat(100_000) + " HTTP/1.1\r\nHost: x\r\n\r\n"
                            : "POST /health HTTP/1.1\r\nHost: x\r\nContent-Length: 104857600\r\n\r\n";
                    try {
                        s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
                    } catch (IOException closedEarly) {
                        // the port answered and closed before all was sent
                    }
                    String answer = readAnswer(s);
                    if (answer.startsWith("HTTP/1.1 431") || answer.startsWith("HTTP/1.1 414")
                            || answer.startsWith("HTTP/1.1 413") || answer.isEmpty()) {
                        refused.incrementAndGet();
                    }
                    held.add(s);
                }
                assertEquals(n, refused.get(), "each answered 431, 414 or 413, or closed");
                Thread.sleep(2_000);
            } finally {
                for (Socket s : held) s.close();
            }
            return null;
        });

        attack("fuzzed requests", threads0, fds0, () -> {
            int n = SOAK ? 100_000 : 10_000;
            AtomicInteger fiveHundreds = new AtomicInteger();
            AtomicInteger answered = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int seed = t;
                done.add(pool.submit(() -> {
                    Random random = new Random(seed);
                    for (int i = seed; i < n; i += 8) {
                        try (Socket s = connect()) {
                            byte[] request = Fuzz.request(random);
                            Fuzz.last = request;
                            s.getOutputStream().write(request);
                            s.shutdownOutput();
                            String answer = readAnswer(s);
                            for (String line : answer.split("\r\n")) {
                                if (line.startsWith("HTTP/1.1 5")) {
                                    fiveHundreds.incrementAndGet();
                                    System.out.println("fuzz: a 5xx (" + line + ") for " + new String(Fuzz.last, StandardCharsets.ISO_8859_1)
                                            .lines().findFirst().orElse(""));
                                }
                            }
                            answered.incrementAndGet();
                        } catch (IOException e) {
                            answered.incrementAndGet(); // closed by the port: fine
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) f.get(5, TimeUnit.MINUTES);
            pool.shutdown();
            assertEquals(n, answered.get());
            assertEquals(0, fiveHundreds.get(), "no fuzzed request is answered with a 5xx");
            System.out.printf("fuzz: %d requests, each answered with a 4xx (or 200 for the valid ones) or closed%n", n);
            return null;
        });

        attack("concurrent well-behaved probe clients", threads0, fds0, () -> {
            int n = SOAK ? 1000 : 200;
            ExecutorService pool = Executors.newFixedThreadPool(n);
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                results.add(pool.submit(() -> { // each probes for 3 s, as many kubelets would
                    int[] okAndAll = new int[2];
                    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
                    for (int k = 0; System.nanoTime() < end && k < 200; k++) {
                        okAndAll[1]++;
                        if (probe(i2path(k)) == 200) okAndAll[0]++;
                    }
                    return okAndAll[0] == okAndAll[1] ? okAndAll[1] : -1;
                }));
            }
            int total = 0;
            for (Future<Integer> f : results) {
                int answered = f.get(2, TimeUnit.MINUTES);
                assertTrue(answered > 0, "a client's probes all answered 200");
                total += answered;
            }
            pool.shutdown();
            System.out.printf("probe clients: %d clients, %d probes, all 200%n", n, total);
            return null;
        });
        System.out.printf("host latency /api/ping p50: %.2f ms quiet, %.2f ms during the slowloris attack%n",
                quietPing, duringSlowloris[0]);
    }

    @Test
    @Order(3)
    void aRequiredCheckFailingIsWhatFailsReadiness() throws Exception {
        Files.delete(data.resolve("catalog.db"));
        Reports.awaitReport(agent(""), r -> r.path("checks").path("database").path("status").asText().equals("fail"),
                Duration.ofSeconds(30));
        assertEquals(503, Http.get(agent("/health/ready")).status(), "the database is gone: take this replica out");
        assertEquals(503, Http.get(agent("/health")).status(), "and Docker's HEALTHCHECK sees it");
        assertEquals(200, Http.get(agent("/health/live")).status(), "but do not restart it");
        assertEquals("critical", Http.get(agent("/health")).json().get("status").asText());
    }

    @Test
    @Order(4)
    void detailsNeverHidesTheDetailedEndpoints() throws Exception {
        int port = HostProcess.freePort();
        try (HostProcess idle = HostProcess.idle("details-never", "port=" + port + ",host=127.0.0.1,check.interval=1s,"
                + "details=never,auth.token=s3cret-t0ken", false)) {
            String base = "http://127.0.0.1:" + port;
            idle.awaitSnapshot(base, Duration.ofSeconds(30));
            for (String p : List.of("/health/detailed", "/metrics", "/health/alerts", "/health/history?metric=cpu")) {
                Http.Reply r = Http.get(base + p, "Authorization", "Bearer s3cret-t0ken");
                assertEquals(404, r.status(), p + " is off, even with the token: " + r.body());
            }
            assertEquals(200, Http.get(base + "/health/live").status());
            Http.Reply health = Http.get(base + "/health");
            assertEquals(200, health.status());
            assertTrue(!health.body().contains("checks") && !idle.output().contains("s3cret-t0ken"),
                    "no check details on the probes, no token in the output");
        }
    }

    private static String i2path(int k) {
        return k % 2 == 0 ? "/health/live" : "/health/ready";
    }

    interface Attack {
        Void run() throws Exception;
    }

    /** Runs an attack while a separate client probes every 100 ms; checks probes, threads and descriptors. */
    private static void attack(String name, int threads0, int fds0, Attack attack) throws Exception {
        Poller poller = new Poller();
        poller.start();
        long t0 = System.nanoTime();
        try {
            attack.run();
        } finally {
            poller.stop();
        }
        List<Long> times = poller.millis;
        Collections.sort(times);
        long p99 = times.isEmpty() ? -1 : times.get(Math.min(times.size() - 1, (int) Math.ceil(times.size() * 0.99) - 1));
        System.out.printf("%s: %.1f s, %d probes during it, p99 %d ms, max %d ms, threads at peak %d (baseline %d)%n",
                name, (System.nanoTime() - t0) / 1e9, times.size(), p99, times.isEmpty() ? -1 : times.get(times.size() - 1),
                poller.peakThreads, threads0);
        assertTrue(poller.failures.isEmpty(), name + ": probes failed or were slow: " + poller.failures);
        assertTrue(times.size() >= 3, name + ": the poller probed");
        assertTrue(poller.peakThreads <= threads0 + 4, name + ": no thread per connection (peak " + poller.peakThreads
                + ", baseline " + threads0 + ")");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
        while ((threads() > threads0 + 2 || fds() > fds0 + 2) && System.nanoTime() < deadline) Thread.sleep(200);
        assertTrue(threads() <= threads0 + 2, name + ": threads back (" + threads() + " vs " + threads0 + ")");
        assertTrue(fds() <= fds0 + 2, name + ": file descriptors back (" + fds() + " vs " + fds0 + ")");
    }

    /** Polls /health/live and /health/ready every 100 ms on fresh connections, as a kubelet does. */
    private static final class Poller implements Runnable {
        final List<Long> millis = Collections.synchronizedList(new ArrayList<>());
        final List<String> failures = Collections.synchronizedList(new ArrayList<>());
        volatile int peakThreads;
        private volatile boolean running = true;
        private final Thread thread = new Thread(this, "probe-poller");

        void start() {
            thread.start();
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join(5_000);
        }

        @Override
        public void run() {
            int k = 0;
            while (running) {
                String path = i2path(k++);
                long t0 = System.nanoTime();
                try {
                    int status = probe(path);
                    long ms = (System.nanoTime() - t0) / 1_000_000;
                    millis.add(ms);
                    if (status != 200 || ms > 1000) failures.add(path + " " + status + " in " + ms + " ms");
                } catch (IOException e) {
                    failures.add(path + " " + e);
                }
                try {
                    peakThreads = Math.max(peakThreads, threads());
                    Thread.sleep(100);
                } catch (Exception e) {
                    return;
                }
            }
        }
    }

    private static int probe(String path) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create(agent(path)).toURL().openConnection();
        c.setConnectTimeout(1000);
        c.setReadTimeout(1000);
        try {
            int status = c.getResponseCode();
            try (InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
                if (in != null) in.readAllBytes();
            }
            return status;
        } finally {
            c.disconnect();
        }
    }

    private static Socket connect() throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", agentPort), 2000);
        s.setSoTimeout(3000);
        return s;
    }

    /** What the port answered until it closed or went quiet for the socket's timeout; "" when it closed at once. */
    private static String readAnswer(Socket s) {
        StringBuilder b = new StringBuilder();
        try {
            InputStream in = s.getInputStream();
            byte[] buf = new byte[8192];
            s.setSoTimeout(1000);
            for (int n; (n = in.read(buf)) > 0; ) {
                b.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
                if (b.indexOf("\r\n\r\n") >= 0 && b.indexOf("Connection: keep-alive") >= 0) break;
            }
        } catch (IOException e) {
            // reset or quiet: what came so far
        }
        return b.toString();
    }

    private static void warmUp() throws Exception {
        for (String p : List.of("/health", "/health/ready", "/health/detailed", "/metrics", "/health/alerts")) {
            Http.get(agent(p));
        }
    }

    private static double hostLatencyP50() throws Exception {
        List<Long> micros = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            long t0 = System.nanoTime();
            Http.get("http://127.0.0.1:" + appPort + "/api/ping");
            micros.add((System.nanoTime() - t0) / 1000);
        }
        Collections.sort(micros);
        return micros.get(50) / 1000.0;
    }

    /**
     * The host's threads, less those that come and go on their own clocks whatever the port does: the
     * checks' pool (a thread per check while checks run, gone 2 s after) and the JIT's compiler threads.
     */
    private static int threads() throws IOException {
        try (var s = Files.list(Paths.get("/proc/" + pid + "/task"))) {
            return (int) s.filter(task -> {
                try {
                    String name = Files.readString(task.resolve("comm")).trim();
                    return !name.startsWith("health-agent-ch") && !name.contains("CompilerThre");
                } catch (IOException gone) {
                    return false; // the thread ended meanwhile
                }
            }).count();
        }
    }

    private static int fds() throws IOException {
        try (var s = Files.list(Paths.get("/proc/" + pid + "/fd"))) {
            return (int) s.count();
        }
    }

    /** Random requests: bytes, truncated lines, huge heads, bodies, bad methods and versions, bad escapes, pipelines. */
    static final class Fuzz {
        /** The last request sent (any thread's), to name a failing case. */
        static volatile byte[] last = new byte[0];
        private static final String[] PATHS = {"/health", "/health/live", "/metrics", "/health/history?metric=cpu",
                "/health?%zz", "/%", "/health/alerts?limit=-1", "*", "", "/health/../../etc/passwd", "/\u00ff"};
        private static final String[] METHODS = {"GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "TRACE", "CONNECT",
                "G\u0000T", "", "GET GET"};
        private static final String[] VERSIONS = {"HTTP/1.1", "HTTP/1.0", "HTTP/2.0", "HTTP/9.9", "HTTP/1", "http/1.1", ""};

        static byte[] request(Random r) {
            int kind = r.nextInt(8);
            if (kind == 0) { // random bytes
                byte[] b = new byte[1 + r.nextInt(2048)];
                r.nextBytes(b);
                return b;
            }
            StringBuilder s = new StringBuilder();
            s.append(METHODS[r.nextInt(METHODS.length)]).append(' ').append(PATHS[r.nextInt(PATHS.length)]).append(' ')
                    .append(VERSIONS[r.nextInt(VERSIONS.length)]).append("\r\n");
            if (r.nextBoolean()) s.append("Host: x\r\n");
            switch (kind) {
                case 1 -> s.append("X-Huge: ").append("h".repeat(10_000 + r.nextInt(30_000))).append("\r\n\r\n");
                case 2 -> s.append("Content-Length: ").append(r.nextInt(1_000_000)).append("\r\n\r\n").append("b".repeat(r.nextInt(500)));
                case 3 -> s.setLength(r.nextInt(Math.max(1, s.length()))); // truncated
                case 4 -> {
                    s.append("\r\n");
                    for (int i = 0; i < 1 + r.nextInt(5); i++) s.append("GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n");
                }
                case 5 -> s.append("Bad Header Line\r\n\r\n");
                case 6 -> s.append("Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n");
                default -> s.append("\r\n");
            }
            return s.toString().getBytes(StandardCharsets.ISO_8859_1);
        }
    }
}

package io.healthagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The pipeline with a hung dependency (a port that accepts connections and never answers, timeout 5 s) and
 * check.interval=1s: snapshots keep coming every second with every other check fresh, and a Redis that
 * stops is seen failing within the interval plus its check's timeout. Prints the figures.
 */
class MonitorPipelineIT {

    @Test
    void aHungDependencyDelaysNoSnapshotAndAStoppedRedisIsSeenWithinIntervalPlusTimeout() throws Exception {
        // Never accept()ed: the kernel completes the handshake, the request is never read nor answered.
        // Bound before the other ports are picked, so that none of them can be the same.
        try (ServerSocket blackHole = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            int redisPort = HostProcess.freePort();
            int agentPort = HostProcess.freePort();
            while (agentPort == redisPort) agentPort = HostProcess.freePort();
            run(blackHole, redisPort, agentPort);
        }
    }

    private void run(ServerSocket blackHole, int redisPort, int agentPort) throws Exception {
        String agent = "http://127.0.0.1:" + agentPort;
        try (RedisServer redis = new RedisServer(redisPort, null).start()) {
            long launched = System.currentTimeMillis();
            try (HostProcess host = HostProcess.idle("pipeline", "host=127.0.0.1,port=" + agentPort
                    + ",check.interval=1s,check.hung.url=http://127.0.0.1:" + blackHole.getLocalPort() + "/health"
                    + ",check.hung.timeout=5s,redis.url=redis://127.0.0.1:" + redisPort + ",check.redis.timeout=1s"
                    + ",threshold.cpu.critical=100,threshold.cpu.emergency=100,checks.run_min_interval=0s", false)) {
                host.awaitHttp(agent + "/health/live", Duration.ofSeconds(30));

                // Snapshots for 8 s, polled every 50 ms: the hung check starts at once and times out at ~5 s.
                List<long[]> snapshots = new ArrayList<>(); // {sequence, snapshot_at_ms}
                JsonNode last = null;
                long end = System.nanoTime() + Duration.ofSeconds(8).toNanos();
                while (System.nanoTime() < end) {
                    Http.Reply r = Http.get(agent + "/health/detailed");
                    if (!r.body().contains("starting")) {
                        last = r.json();
                        long seq = last.get("agent").get("snapshot_sequence").asLong();
                        if (snapshots.isEmpty() || snapshots.get(snapshots.size() - 1)[0] != seq) {
                            snapshots.add(new long[] {seq, last.get("agent").get("snapshot_at_ms").asLong()});
                        }
                    }
                    Thread.sleep(50);
                }
                assertTrue(snapshots.size() >= 6, "snapshots seen: " + snapshots.size());
                // A status change publishes at once, so two snapshots may come within the poller's 50 ms: a gap
                // between two snapshots the poller saw bounds every gap between them from above.
                List<Long> gaps = new ArrayList<>();
                for (int i = 1; i < snapshots.size(); i++) {
                    gaps.add(snapshots.get(i)[1] - snapshots.get(i - 1)[1]);
                }
                long maxGap = Collections.max(gaps);
                List<Long> sorted = new ArrayList<>(gaps);
                Collections.sort(sorted);
                System.out.printf("pipeline: first snapshot %d ms after the host was launched; %d gaps between "
                                + "snapshots with a hung check: min %d, median %d, max %d ms (target: max <= 1100)%n",
                        snapshots.get(0)[1] - launched, gaps.size(), sorted.get(0), sorted.get(sorted.size() / 2), maxGap);
                assertTrue(maxGap <= 1500, "a hung check delayed a snapshot: gaps " + gaps);

                JsonNode hung = last.get("checks").get("hung");
                assertEquals("fail", hung.get("status").asText(), hung.toString());
                String hungMessage = hung.get("message").asText();
                assertTrue(hungMessage.contains("did not answer within 5000 ms") // its own read timeout
                        || hungMessage.startsWith("timed out after 5000 ms")
                        || hungMessage.startsWith("no answer: the run started"), hung.toString());
                long snapshotSeconds = last.get("timestamp").asLong();
                for (String fresh : List.of("cpu", "memory", "redis")) {
                    long lastSuccess = last.get("checks").get(fresh).get("last_success").asLong();
                    assertTrue(snapshotSeconds - lastSuccess <= 2, fresh + " is fresh: " + last.get("checks").get(fresh));
                }

                redis.stop();
                long stoppedAt = System.currentTimeMillis();
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                JsonNode down;
                do {
                    assertTrue(System.nanoTime() < deadline, "redis not seen failing within 10 s");
                    Thread.sleep(20);
                    down = Http.get(agent + "/health/detailed").json();
                } while (!down.get("checks").get("redis").get("status").asText().equals("fail"));
                long seenAfter = down.get("agent").get("snapshot_at_ms").asLong() - stoppedAt;
                System.out.printf("pipeline: redis stopped, its check failing in a snapshot %d ms later "
                        + "(target: <= interval 1000 + timeout 1000 ms)%n", seenAfter);
                assertTrue(seenAfter <= 2500, "redis seen failing " + seenAfter + " ms after it stopped");

                // On demand, with the hung dependency: the run waits for it (at most its timeout), a second
                // request meanwhile is refused rather than hold the port's other worker, and the report that
                // comes back has every check run for it.
                // Right after the hung check failed: its next run (within a second) lasts its whole 5 s timeout.
                long failedAt = Http.get(agent + "/health/detailed").json().get("checks").get("hung").get("last_failure").asLong();
                Reports.awaitReport(agent, r -> r.get("checks").get("hung").get("last_failure").asLong() > failedAt,
                        Duration.ofSeconds(10));
                long asked = System.currentTimeMillis();
                java.util.function.Supplier<Http.Reply> post = () -> {
                    try {
                        return Http.send("POST", agent + "/health/checks/run");
                    } catch (Exception e) {
                        throw new RuntimeException(e);
                    }
                };
                java.util.concurrent.CompletableFuture<Http.Reply> first = java.util.concurrent.CompletableFuture.supplyAsync(post);
                Thread.sleep(300); // the first is admitted, and waits at least 4 s for the hung check
                Http.Reply second = post.get();
                assertEquals(429, second.status(), second.body());
                assertTrue(second.body().contains("the checks are running now"), second.body());
                assertEquals(200, Http.get(agent + "/health/detailed").status(), "the other endpoints answer meanwhile");
                Http.Reply ran = first.get(15, java.util.concurrent.TimeUnit.SECONDS);
                long took = System.currentTimeMillis() - asked;
                System.out.printf("pipeline: POST /health/checks/run with a hung dependency answered in %d ms (timeout 5000)%n", took);
                assertEquals(200, ran.status(), ran.body());
                JsonNode report = ran.json();
                assertEquals("fail", report.get("checks").get("hung").get("status").asText());
                for (String c : List.of("cpu", "memory", "redis", "hung")) {
                    JsonNode check = report.get("checks").get(c);
                    long at = Math.max(check.path("last_success").asLong(0), check.path("last_failure").asLong(0));
                    assertTrue(at >= asked / 1000, c + " ran for the request: " + check);
                }
                assertTrue(took <= 5_000 + 250 + 1_500, "waited at most the hung check's timeout: " + took + " ms");
                assertEquals(0, down.get("agent").get("errors").asLong());
            }
        }
    }
}

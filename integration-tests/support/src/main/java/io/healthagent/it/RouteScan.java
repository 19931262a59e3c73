package io.healthagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * A route scanner: requests to random paths, each with a first segment of its own. At most
 * {@value #MAX_ROUTES} routes and {@code other} at any time; every request counted, under the route the server
 * gives unknown paths; the host answers them all; and once the scan is over no route of it is left and the
 * host's live heap is back within 1 MB of where it was after a first, short scan (which pays the one-time
 * costs: classes, the route for unknown paths, recorder stripes).
 */
final class RouteScan {
    static final int MAX_ROUTES = 200;
    private static final int WARM = 500;

    private RouteScan() {
    }

    /** @param unknownRoute where the server's unknown paths are counted once the scan's routes are gone */
    static void leavesNothingBehind(String name, HostProcess host, int port, String agent, int requests,
                                    String unknownRoute) throws Exception {
        Http.awaitSettledAgent(agent);
        double routeBefore = Http.sumOf(Http.prometheus(Http.get(agent + "/metrics").body()),
                "http_server_requests_total{route=\"" + unknownRoute + "\"");
        scan(port, WARM, 1);
        awaitNoScanRoutes(agent);
        LiveHeap before = LiveHeap.of(host.pid());
        long started = System.nanoTime();
        int answered = scan(port, requests, 2);
        double seconds = (System.nanoTime() - started) / 1e9;
        assertEquals(requests, answered, "the host answers every request");
        Map<String, Double> m = Http.awaitMetrics(agent,
                x -> Http.sumOf(x, "http_server_request_duration_seconds_count{route=\"" + unknownRoute + "\"") >= requests + WARM,
                Duration.ofSeconds(60));
        assertEquals(routeBefore + requests + WARM, Http.sumOf(m, "http_server_requests_total{route=\"" + unknownRoute + "\""),
                0.0, "every request once, under " + unknownRoute + " once the scan's routes went");
        JsonNode routes = awaitNoScanRoutes(agent);
        LiveHeap after = LiveHeap.of(host.pid());
        long grown = after.totalBytes - before.totalBytes;
        System.out.printf("%s: %d scanner requests answered in %.1f s; %d routes left; live heap %.1f MB before, %.1f MB after"
                        + " (%+d KB): %s%n", name, answered, seconds, routes.size(), before.totalBytes / 1e6,
                after.totalBytes / 1e6, grown / 1024, after.growthSince(before, 5));
        assertTrue(grown < 1 << 20, "the live heap grew by " + grown / 1024 + " KB: " + after.growthSince(before, 10));
        Http.assertNoAgentErrors(agent);
    }

    /** {@code requests} requests to random paths (8 at a time); returns how many the host answered. */
    private static int scan(int port, int requests, int seed) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            Random random = new Random(seed);
            for (int i = 0; i < requests; i++) {
                String path = "/scan" + Integer.toHexString(random.nextInt()) + "/" + i;
                answers.add(clients.submit(() -> Http.get("http://127.0.0.1:" + port + path).status()));
            }
            int answered = 0;
            for (Future<Integer> a : answers) {
                answered += a.get(120, TimeUnit.SECONDS) > 0 ? 1 : 0;
            }
            return answered;
        } finally {
            clients.shutdownNow();
        }
    }

    /** Waits until no route of a scan is left (they go at the agent's next roll); returns the routes. */
    private static JsonNode awaitNoScanRoutes(String agent) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            JsonNode routes = Http.get(agent + "/health/detailed").json().get("routes");
            assertTrue(routes.size() <= MAX_ROUTES + 1, "at most " + MAX_ROUTES + " routes and other: " + routes.size());
            boolean left = false;
            for (JsonNode r : routes) left |= r.get("route").asText().startsWith("/scan");
            if (!left) return routes;
            if (System.nanoTime() > deadline) throw new AssertionError("scan routes still there after 30 s: " + routes);
            Thread.sleep(200);
        }
    }
}

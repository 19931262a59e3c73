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

    /**
     * {@code requests} requests to random paths on 8 keep-alive connections; returns how many the host
     * answered. A plain socket client, never one that retries: the agent's count must equal what the host
     * was sent, and a client that sends a request again after a dropped connection would make it differ.
     */
    private static int scan(int port, int requests, int seed) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> answered = new ArrayList<>();
            for (int c = 0; c < 8; c++) {
                int from = requests * c / 8;
                int to = requests * (c + 1) / 8;
                Random random = new Random(seed * 31L + c);
                answered.add(clients.submit(() -> {
                    int n = 0;
                    java.net.Socket socket = null;
                    try {
                        for (int i = from; i < to; i++) {
                            if (socket == null) socket = new java.net.Socket("127.0.0.1", port);
                            String path = "/scan" + Integer.toHexString(random.nextInt()) + "/" + i;
                            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                            if (readResponse(socket.getInputStream())) {
                                socket.close(); // the host said Connection: close
                                socket = null;
                            }
                            n++;
                        }
                    } finally {
                        if (socket != null) socket.close();
                    }
                    return n;
                }));
            }
            int total = 0;
            for (Future<Integer> a : answered) total += a.get(300, TimeUnit.SECONDS);
            return total;
        } finally {
            clients.shutdownNow();
        }
    }

    /** Reads one response (a Content-Length or chunked body); returns whether the host closes the connection. */
    private static boolean readResponse(java.io.InputStream in) throws java.io.IOException {
        String status = line(in);
        if (!status.startsWith("HTTP/1.1 ")) throw new java.io.IOException("not a response: " + status);
        long length = 0;
        boolean chunked = false;
        boolean close = false;
        for (String h; !(h = line(in)).isEmpty(); ) {
            String lower = h.toLowerCase(java.util.Locale.ROOT);
            if (lower.startsWith("content-length:")) length = Long.parseLong(lower.substring(15).trim());
            if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) chunked = true;
            if (lower.startsWith("connection:") && lower.contains("close")) close = true;
        }
        if (chunked) {
            for (long size; (size = Long.parseLong(line(in).split(";")[0].trim(), 16)) > 0; ) {
                in.readNBytes((int) size);
                line(in);
            }
            while (!line(in).isEmpty()) {
                // trailers
            }
        } else {
            in.readNBytes((int) length);
        }
        return close;
    }

    private static String line(java.io.InputStream in) throws java.io.IOException {
        StringBuilder b = new StringBuilder();
        for (int c; (c = in.read()) != '\n'; ) {
            if (c < 0) throw new java.io.EOFException("the host closed the connection");
            if (c != '\r') b.append((char) c);
        }
        return b.toString();
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

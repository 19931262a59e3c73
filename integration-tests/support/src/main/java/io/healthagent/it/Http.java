package io.healthagent.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;

/** HTTP from the tests: plain requests, load on the host, and reading the agent's JSON and Prometheus text. */
final class Http {
    static final ObjectMapper JSON = new ObjectMapper();
    /** HTTP/1.1: the JDK client otherwise asks every server for an h2c upgrade, which Vert.x grants. */
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();

    private Http() {
    }

    record Reply(int status, String body, HttpResponse<String> raw) {
        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }
    }

    static Reply get(String url, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.body(), r);
    }

    static Reply send(String method, String url, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.noBody());
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.body(), r);
    }

    /** A streamed response: its status and body, when its head reached the client and when its end did (ms). */
    record Streamed(int status, String body, double headMillis, double totalMillis) {
    }

    /** GETs a stream, timing from the client's side when the response's head arrives and when the body ends. */
    static Streamed stream(String url) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build();
        long t0 = System.nanoTime();
        HttpResponse<java.io.InputStream> r = CLIENT.send(request, HttpResponse.BodyHandlers.ofInputStream());
        double head = (System.nanoTime() - t0) / 1e6;
        try (java.io.InputStream in = r.body()) {
            String body = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            return new Streamed(r.statusCode(), body, head, (System.nanoTime() - t0) / 1e6);
        }
    }

    /** Sends {@code count} GETs to {@code url} from {@code threads} threads; returns the statuses. */
    static List<Integer> load(String url, int count, int threads) throws Exception {
        return timedLoad(url, count, threads).stream().map(Timed::status).toList();
    }

    /** A status and how long the client waited for the whole response, in milliseconds. */
    record Timed(int status, double millis) {
    }

    /** As {@link #load}, timing each request from the client's side. */
    static List<Timed> timedLoad(String url, int count, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Timed>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                futures.add(pool.submit(() -> {
                    long t0 = System.nanoTime();
                    int status = get(url).status();
                    return new Timed(status, (System.nanoTime() - t0) / 1e6);
                }));
            }
            List<Timed> out = new ArrayList<>();
            for (Future<Timed> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    /** The {@code q} quantile (0..1) of the client's timings, nearest rank. */
    static double clientQuantile(List<Timed> timed, double q) {
        double[] ms = timed.stream().mapToDouble(Timed::millis).sorted().toArray();
        return ms[Math.max(0, (int) Math.ceil(q * ms.length) - 1)];
    }

    /**
     * The agent's figure for requests that slept a known time, against what the client saw: never below the
     * sleep, never above the client's own figure (which adds the network and the client) by more than the
     * histogram's resolution, 1%. A server's own delays count (a cold framework, a busy machine), as they should.
     */
    static void assertWithinClient(double sleptMs, double clientMs, double agentMs, String what) {
        System.out.printf("measured %s: %.2f ms; the client saw %.2f ms, the handler slept %.0f ms%n", what, agentMs,
                clientMs, sleptMs);
        assertTrue(agentMs >= sleptMs * 0.995 && agentMs <= clientMs * 1.01 + 0.5,
                what + " = " + agentMs + " ms, expected from " + sleptMs + " to the client's " + clientMs + " ms");
    }

    /**
     * Writes {@code request} (one or more pipelined requests) on a fresh socket and returns what comes back until
     * the server closes, or until it has answered every request whole (a server may keep a connection open
     * after answering {@code Connection: close}: Helidon 4 waits for the client to close it).
     */
    static String raw(String host, int port, String request) throws IOException {
        int requests = request.split(" HTTP/1\\.1\r\n", -1).length - 1;
        try (java.net.Socket socket = new java.net.Socket(host, port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            StringBuilder reply = new StringBuilder();
            byte[] buffer = new byte[8192];
            java.io.InputStream in = socket.getInputStream();
            for (int n; (n = in.read(buffer)) > 0; ) {
                reply.append(new String(buffer, 0, n, java.nio.charset.StandardCharsets.ISO_8859_1));
                if (completeResponses(reply.toString()) >= requests) break;
            }
            return reply.toString();
        } catch (java.net.SocketException reset) {
            return "";
        }
    }

    private static final java.util.regex.Pattern CONTENT_LENGTH = java.util.regex.Pattern.compile("\r\ncontent-length: *(\\d+)");

    /** How many whole HTTP/1.1 responses {@code data} holds (bodies by Content-Length or chunked). */
    static int completeResponses(String data) {
        int count = 0;
        int at = 0;
        while (true) {
            int headEnd = data.indexOf("\r\n\r\n", at);
            if (headEnd < 0) return count;
            String head = data.substring(at, headEnd).toLowerCase(java.util.Locale.ROOT);
            int bodyStart = headEnd + 4;
            java.util.regex.Matcher length = CONTENT_LENGTH.matcher(head);
            int end;
            if (length.find()) {
                end = bodyStart + Integer.parseInt(length.group(1));
            } else if (head.contains("\r\ntransfer-encoding: chunked")) {
                int last = data.indexOf("\r\n0\r\n\r\n", bodyStart - 2);
                end = last < 0 ? Integer.MAX_VALUE : last + 7;
            } else {
                return count; // a body that ends when the connection does
            }
            if (end > data.length()) return count;
            count++;
            at = end;
        }
    }

    /**
     * Waits until the agent has published two snapshots. The agent does its own start-up right after the
     * host's; a latency test that loads the host before that measures (correctly) a host sharing its CPU.
     */
    static void awaitSettledAgent(String agentBase) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        long first = -1;
        while (System.nanoTime() < deadline) {
            try {
                Reply r = get(agentBase + "/health");
                if (!r.body().contains("starting")) {
                    long t = r.json().get("timestamp").asLong();
                    if (first < 0) first = t;
                    if (t >= first + 2) return;
                }
            } catch (IOException notYet) {
                // the port opens once the agent has started
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the agent at " + agentBase + " did not publish two snapshots within 30 s");
    }

    /** Polls {@code url} until it answers 200, while {@code process} (writing to {@code log}) lives. */
    static void awaitReady(String url, Process process, java.nio.file.Path log, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                if (get(url).status() == 200) return;
            } catch (java.io.IOException notYet) {
                // starting
            }
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError(url + " did not answer 200 within " + timeout + ":\n"
                        + java.nio.file.Files.readString(log));
            }
            Thread.sleep(100);
        }
    }

    /**
     * The agent caught no error of its own: {@code agent.errors} of /health/detailed is 0 (once there is a
     * snapshot: a just-started agent answers 503 "starting" first).
     */
    static void assertNoAgentErrors(String agentBase) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode body = get(agentBase + "/health/detailed").json();
        while (!body.has("agent") && System.nanoTime() < deadline) {
            Thread.sleep(100);
            body = get(agentBase + "/health/detailed").json();
        }
        JsonNode agent = body.get("agent");
        org.junit.jupiter.api.Assertions.assertNotNull(agent, "no snapshot within 30 s: " + body);
        org.junit.jupiter.api.Assertions.assertEquals(0, agent.get("errors").asLong(), agent.toString());
    }

    /**
     * Prometheus text to a map from "name{labels}" to value, the labels in one order whatever the writer's:
     * route, endpoint, check, site, severity, then the others by name, then quantile and le.
     */
    static Map<String, Double> prometheus(String text) {
        Map<String, Double> out = new HashMap<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) continue;
            int space = line.lastIndexOf(' ');
            out.put(canonical(line.substring(0, space)), Double.parseDouble(line.substring(space + 1)));
        }
        return out;
    }

    private static final List<String> FIRST = List.of("route", "endpoint", "check", "site", "severity");
    private static final List<String> LAST = List.of("quantile", "le");

    static String canonical(String series) {
        int brace = series.indexOf('{');
        if (brace < 0) return series;
        List<String> labels = new java.util.ArrayList<>();
        String body = series.substring(brace + 1, series.length() - 1);
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\\' && quoted && i + 1 < body.length()) {
                cur.append(c).append(body.charAt(++i));
                continue;
            }
            if (c == '"') quoted = !quoted;
            if (c == ',' && !quoted) {
                if (cur.length() > 0) labels.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        if (cur.length() > 0) labels.add(cur.toString());
        labels.sort(java.util.Comparator.comparingInt((String l) -> rank(l.substring(0, l.indexOf('='))))
                .thenComparing(l -> l.substring(0, l.indexOf('='))));
        return series.substring(0, brace) + "{" + String.join(",", labels) + "}";
    }

    private static int rank(String name) {
        if (FIRST.contains(name)) return FIRST.indexOf(name);
        if (LAST.contains(name)) return 100 + LAST.indexOf(name);
        return 50;
    }

    /** Polls the agent's /metrics until {@code done} holds (the monitor publishes once per interval). */
    static Map<String, Double> awaitMetrics(String agentBase, Predicate<Map<String, Double>> done, Duration timeout,
                                            String... headers) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Double> last = Map.of();
        while (System.nanoTime() < deadline) {
            Reply r = get(agentBase + "/metrics", headers);
            if (r.status() == 200) {
                last = prometheus(r.body());
                if (done.test(last)) return last;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("metrics did not reach the expected state within " + timeout + "; last: " + last);
    }

    static double value(Map<String, Double> metrics, String key) {
        Double v = metrics.get(key);
        if (v == null) throw new AssertionError("no metric " + key + " in " + metrics.keySet());
        return v;
    }

    /** Requests that ended on {@code route}, all methods: the count of its request-duration histograms. */
    static double count(Map<String, Double> metrics, String route) {
        return sumOf(metrics, "http_server_request_duration_seconds_count{route=\"" + route + "\",");
    }

    /** The sum of the series whose key starts with {@code prefix}. */
    static double sumOf(Map<String, Double> metrics, String prefix) {
        return metrics.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).mapToDouble(Map.Entry::getValue).sum();
    }

    /** A series of a route's GET requests: {@code name{route="...",method="GET",labels...}}. */
    static String getKey(String name, String route, String... labels) {
        StringBuilder b = new StringBuilder(name).append("{route=\"").append(route).append("\",method=\"GET\"");
        for (String l : labels) b.append(',').append(l);
        return b.append('}').toString();
    }

    /**
     * The agent's own {@code q} quantile ("0.5", "0.95", "0.99") of a route's times to first byte, in seconds, from
     * /health/detailed (HdrHistogram over the last minute; /metrics has histograms, whose quantiles are coarser).
     */
    static double quantile(String agentBase, String route, String q) throws Exception {
        return routeFigure(agentBase, route, "time_to_first_byte", q);
    }

    /** As {@link #quantile}, of the route's total durations. */
    static double totalQuantile(String agentBase, String route, String q) throws Exception {
        return routeFigure(agentBase, route, "total", q);
    }

    private static double routeFigure(String agentBase, String route, String kind, String q) throws Exception {
        String field = Map.of("0.5", "p50_ms", "0.95", "p95_ms", "0.99", "p99_ms").get(q);
        JsonNode routes = get(agentBase + "/health/detailed").json().get("routes");
        for (JsonNode r : routes) {
            if (r.get("route").asText().equals(route)) return r.get(kind).get(field).asDouble() / 1000.0;
        }
        throw new AssertionError("no route " + route + " in " + routes);
    }

    /** Within a few percent of the known time: never below it, at most 5% + 2 ms above. */
    static void assertNear(double expectedMs, double actualMs, String what) {
        System.out.printf("measured %s: %.2f ms for a known %.0f ms (%+.2f%%)%n", what, actualMs, expectedMs,
                100 * (actualMs - expectedMs) / expectedMs);
        assertTrue(actualMs >= expectedMs * 0.995 && actualMs <= expectedMs * 1.05 + 2,
                what + " = " + actualMs + " ms, expected " + expectedMs + " ms within a few percent");
    }

    /** A WebSocket series of the agent's /metrics: {@code name{endpoint="...",labels...}}. */
    static String wsKey(String name, String endpoint, String... labels) {
        StringBuilder b = new StringBuilder(name).append("{endpoint=\"").append(endpoint).append('"');
        for (String l : labels) b.append(',').append(l);
        return b.append('}').toString();
    }

    static double ws(Map<String, Double> m, String name, String endpoint, String... labels) {
        return m.getOrDefault(wsKey(name, endpoint, labels), 0.0);
    }

    /**
     * 200 requests at once to {@code url} (a handler that sleeps 100 ms), after {@code before} others on the
     * same route: each counted once on {@code route}, p50 in its time, none left in flight, no agent error.
     */
    static void twoHundredAtOnce(String url, String agent, String route, int before) throws Exception {
        java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(200);
        try {
            List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 200; i++) answers.add(clients.submit(() -> get(url).status()));
            for (java.util.concurrent.Future<Integer> a : answers) {
                org.junit.jupiter.api.Assertions.assertEquals(200, a.get(60, java.util.concurrent.TimeUnit.SECONDS));
            }
        } finally {
            clients.shutdownNow();
        }
        Map<String, Double> m = awaitMetrics(agent, x -> count(x, route) >= 200 + before, Duration.ofSeconds(30));
        org.junit.jupiter.api.Assertions.assertEquals(200 + before, count(m, route), "every request once");
        double p50 = 1000 * quantile(agent, route, "0.5");
        System.out.printf("200 at once on %s: %d counted, p50 of 100 ms sleeps %.1f ms%n", route, 200 + before, p50);
        org.junit.jupiter.api.Assertions.assertTrue(p50 >= 100 && p50 < 150, "p50 of 100 ms sleeps: " + p50);
        org.junit.jupiter.api.Assertions.assertEquals(0, value(m, "http_server_active_requests{route=\"" + route + "\"}"),
                "none left in flight");
        assertNoAgentErrors(agent);
    }
}

package io.healthagent.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Debian's Chromium, headless, driven over the DevTools protocol: one page, what its scripts log, every
 * request it makes, script evaluation and screenshots. The flags are those this machine's closed network
 * needs (no background networking, no component updates, no sync).
 */
final class Browser implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final String session;
    /** Console errors, uncaught exceptions and the browser's own error entries (a failed load, a CSP refusal). */
    final List<String> errors = java.util.Collections.synchronizedList(new ArrayList<>());
    /** Every URL the page asked for. */
    final List<String> requests = java.util.Collections.synchronizedList(new ArrayList<>());

    Browser(int width, int height, boolean mobile) throws Exception {
        Files.createDirectories(HostProcess.WORK);
        profile = Files.createTempDirectory(HostProcess.WORK.toAbsolutePath(), "chromium-profile");
        process = new ProcessBuilder("chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--remote-debugging-port=0", "--user-data-dir=" + profile, "about:blank")
                .redirectErrorStream(true).start();
        String endpoint = devToolsEndpoint();
        socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create(endpoint), new Listener())
                .get(30, TimeUnit.SECONDS);
        String target = call(null, "Target.createTarget", Map.of("url", "about:blank")).get("targetId").asText();
        session = call(null, "Target.attachToTarget", Map.of("targetId", target, "flatten", true)).get("sessionId").asText();
        for (String domain : List.of("Page", "Runtime", "Log", "Network")) call(domain + ".enable", Map.of());
        call("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height, "deviceScaleFactor", 1,
                "mobile", mobile));
    }

    /** Reads Chromium's output until it says where its DevTools listen (it prints more: dbus complaints). */
    private String devToolsEndpoint() throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> found = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            StringBuilder seen = new StringBuilder();
            try {
                for (String line; (line = out.readLine()) != null; ) {
                    int at = line.indexOf("DevTools listening on ");
                    if (at >= 0) found.complete(line.substring(at + "DevTools listening on ".length()).trim());
                    else if (!found.isDone()) seen.append(line).append('\n');
                }
            } catch (java.io.IOException ignored) {
                // the browser closed
            }
            found.completeExceptionally(new AssertionError("chromium did not start:\n" + seen));
        }, "chromium-output");
        reader.setDaemon(true);
        reader.start();
        return found.get(30, TimeUnit.SECONDS);
    }

    void navigate(String url) throws Exception {
        call("Page.navigate", Map.of("url", url));
    }

    /** Evaluates {@code expression} in the page (awaiting a promise) and returns its value as JSON. */
    JsonNode eval(String expression) throws Exception {
        JsonNode r = call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true, "awaitPromise", true));
        if (r.has("exceptionDetails")) throw new AssertionError(expression + " threw: " + r.get("exceptionDetails"));
        return r.path("result").path("value");
    }

    /** Polls {@code expression} until {@code done} accepts its value; returns it. */
    JsonNode await(String expression, Predicate<JsonNode> done, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            last = eval(expression);
            if (done.test(last)) return last;
            Thread.sleep(100);
        }
        throw new AssertionError(expression + " did not reach the expected value within " + timeout + "; last: " + last
                + "; page errors: " + errors);
    }

    /** A PNG of the whole page at the viewport's width. */
    void screenshot(Path file) throws Exception {
        JsonNode shot = call("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true));
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, Base64.getDecoder().decode(shot.get("data").asText()));
    }

    private JsonNode call(String method, Map<String, Object> params) throws Exception {
        return call(session, method, params);
    }

    private JsonNode call(String sessionId, String method, Map<String, Object> params) throws Exception {
        int id = ids.incrementAndGet();
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", JSON.valueToTree(params));
        if (sessionId != null) message.put("sessionId", sessionId);
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        socket.sendText(JSON.writeValueAsString(message), true).get(10, TimeUnit.SECONDS);
        JsonNode r = reply.get(60, TimeUnit.SECONDS);
        if (r.has("error")) throw new AssertionError(method + ": " + r.get("error"));
        return r.path("result");
    }

    private void event(JsonNode m) {
        JsonNode p = m.path("params");
        switch (m.path("method").asText()) {
            case "Runtime.consoleAPICalled":
                if (p.path("type").asText().matches("error|assert")) errors.add("console: " + p.path("args"));
                break;
            case "Runtime.exceptionThrown":
                errors.add("exception: " + p.path("exceptionDetails"));
                break;
            case "Log.entryAdded":
                if (p.path("entry").path("level").asText().equals("error")) errors.add("log: " + p.path("entry"));
                break;
            case "Network.requestWillBeSent":
                requests.add(p.path("request").path("url").asText());
                break;
            default:
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                try {
                    JsonNode m = JSON.readTree(text.toString());
                    if (m.has("id")) {
                        CompletableFuture<JsonNode> f = pending.remove(m.get("id").asInt());
                        if (f != null) f.complete(m);
                    } else {
                        event(m);
                    }
                } catch (Exception e) {
                    errors.add("driver: " + e);
                }
                text.setLength(0);
            }
            ws.request(1);
            return null;
        }
    }

    @Override
    public void close() throws Exception {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // the browser goes anyway
        }
        List<ProcessHandle> helpers = process.descendants().collect(java.util.stream.Collectors.toList());
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
        helpers.forEach(ProcessHandle::destroyForcibly);
        try {
            HostProcess.deleteTree(profile);
        } catch (java.io.IOException stillWritten) {
            // a helper process of Chromium's wrote as it went; the profile is under target/, the next build's clean
        }
    }
}

package io.healthagent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * {@code status}: what the specification's example prints (status, service, version, uptime, performance,
 * each check with its icon, duration and message, the active alerts), from {@code /health/detailed}. Exits 0
 * when the service is healthy or degraded, 1 when unhealthy or critical, 2 when the agent cannot be reached.
 * {@code --probe ready|live} asks the probe alone and exits 0 or 1 from its code: a HEALTHCHECK for an image
 * without curl.
 */
final class StatusCommand {
    static final int OK = 0;
    static final int BAD = 1;
    static final int UNREACHABLE = 2;

    private final PrintStream out;
    private final PrintStream err;
    private String url = "http://localhost:8082";
    private String token = System.getenv("HEALTH_AGENT_AUTH_TOKEN");
    private boolean json;
    private long watchSeconds;
    private String probe;

    StatusCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(String[] args) {
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--url": url = value(args, ++i).replaceAll("/+$", ""); break;
                    case "--token": token = value(args, ++i); break;
                    case "--json": json = true; break;
                    case "--watch": watchSeconds = Long.parseLong(value(args, ++i)); break;
                    case "--probe":
                        probe = value(args, ++i);
                        if (!probe.equals("ready") && !probe.equals("live")) throw new IllegalArgumentException("--probe ready or live");
                        break;
                    default: throw new IllegalArgumentException("unknown argument '" + args[i] + "'");
                }
            }
        } catch (RuntimeException e) {
            err.println("health-agent: status: " + e.getMessage() + "\n" + Commands.USAGE);
            return UNREACHABLE;
        }
        if (probe != null) return probe();
        int code = once();
        while (watchSeconds > 0) {
            try {
                Thread.sleep(watchSeconds * 1000); // --watch: the operator asked for this pace
            } catch (InterruptedException e) {
                return code;
            }
            out.println();
            code = once();
        }
        return code;
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) throw new IllegalArgumentException(args[i - 1] + " wants a value");
        return args[i];
    }

    private int probe() {
        try {
            Reply r = get("/health/" + probe);
            out.println(probe + ": " + (r.code == 200 ? "ok" : "failing") + " (HTTP " + r.code + ")");
            return r.code == 200 ? OK : BAD;
        } catch (IOException e) {
            err.println("health-agent: no agent at " + url + " (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
            return UNREACHABLE;
        }
    }

    private int once() {
        Reply r;
        try {
            r = get("/health/detailed");
        } catch (IOException e) {
            err.println("health-agent: no agent at " + url + " (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
            return UNREACHABLE;
        }
        JsonNode h;
        try {
            h = new ObjectMapper().readTree(r.body);
        } catch (IOException e) {
            err.println("health-agent: " + url + " answered HTTP " + r.code + " with no report");
            return UNREACHABLE;
        }
        if (r.code == 401) {
            err.println("health-agent: " + url + " wants the agent's token (--token, or HEALTH_AGENT_AUTH_TOKEN)");
            return UNREACHABLE;
        }
        if (!h.has("status")) {
            err.println("health-agent: " + url + " answered HTTP " + r.code + ": " + h.path("error").asText(""));
            return UNREACHABLE;
        }
        if (json) {
            out.println(new String(r.body, StandardCharsets.UTF_8));
        } else {
            print(h);
        }
        String status = h.path("status").asText();
        return status.equals("healthy") || status.equals("degraded") ? OK : BAD;
    }

    private void print(JsonNode h) {
        out.println("Service health: " + h.path("status").asText());
        out.println("  Service: " + h.path("service").asText());
        out.println("  Version: " + h.path("version").asText());
        out.println("  Uptime: " + h.path("uptime_seconds").asLong() + "s");
        JsonNode p = h.path("performance");
        out.println();
        out.println("Performance:");
        out.println(String.format(Locale.ROOT, "  CPU: %.1f%%", p.path("cpu_usage_percent").asDouble()));
        out.println(String.format(Locale.ROOT, "  Memory: %d MB (%.1f%%)", p.path("memory_usage_mb").asLong(),
                p.path("memory_usage_percent").asDouble()));
        out.println(String.format(Locale.ROOT, "  Disk: %.1f%%", p.path("disk_usage_percent").asDouble()));
        out.println("  Network connections: " + p.path("network_connections").asLong());
        JsonNode t = p.path("response_times");
        out.println(String.format(Locale.ROOT, "  Response times: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, average %.1f ms",
                t.path("p50_ms").asDouble(), t.path("p95_ms").asDouble(), t.path("p99_ms").asDouble(),
                t.path("average_ms").asDouble()));
        JsonNode e = p.path("error_rates");
        out.println(String.format(Locale.ROOT, "  Error rates: 1 min %.2f%%, 5 min %.2f%%, 15 min %.2f%% (%d errors in 24 h)",
                e.path("rate_1min").asDouble(), e.path("rate_5min").asDouble(), e.path("rate_15min").asDouble(),
                e.path("total_errors_24h").asLong()));
        out.println();
        out.println("Checks:");
        for (Iterator<Map.Entry<String, JsonNode>> it = h.path("checks").fields(); it.hasNext(); ) {
            JsonNode c = it.next().getValue();
            String s = c.path("status").asText();
            String icon = s.equals("pass") ? "✅" : s.equals("warn") ? "⚠️ " : "❌";
            out.println("  " + icon + " " + c.path("name").asText() + " (" + s + ", " + c.path("duration_ms").asLong()
                    + " ms): " + c.path("message").asText()
                    + (c.path("failure_count").asInt() > 0 ? " [" + c.path("failure_count").asInt() + " failures in a row]" : ""));
        }
        out.println();
        int active = 0;
        for (JsonNode a : h.path("alerts")) {
            if (a.path("resolved").asBoolean()) continue;
            if (active++ == 0) out.println("Active alerts:");
            String sev = a.path("severity").asText();
            String icon = sev.equals("Emergency") ? "🚨" : sev.equals("Critical") ? "🔴" : sev.equals("Warning") ? "⚠️ " : "ℹ️ ";
            out.println("  " + icon + " " + sev + " [" + a.path("component").asText() + "] " + a.path("id").asText()
                    + ": " + a.path("message").asText());
        }
        if (active == 0) out.println("✅ No active alert");
    }

    private static final class Reply {
        final int code;
        final byte[] body;

        Reply(int code, byte[] body) {
            this.code = code;
            this.body = body;
        }
    }

    private Reply get(String path) throws IOException {
        HttpURLConnection c = (HttpURLConnection) new URL(url + path).openConnection();
        c.setConnectTimeout(3_000);
        c.setReadTimeout(10_000);
        if (token != null && !token.isEmpty()) c.setRequestProperty("Authorization", "Bearer " + token);
        int code = c.getResponseCode();
        InputStream in = code >= 400 ? c.getErrorStream() : c.getInputStream();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (in != null) {
            try (InputStream s = in) {
                s.transferTo(body);
            }
        }
        return new Reply(code, body.toByteArray());
    }
}

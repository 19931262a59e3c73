package io.healthagent.checks;

import static io.healthagent.config.OptionTable.ALERTMANAGER_URL;
import static io.healthagent.config.OptionTable.AUDIO_DIR;
import static io.healthagent.config.OptionTable.AUTH_TOKEN;
import static io.healthagent.config.OptionTable.CACHE_DIR;
import static io.healthagent.config.OptionTable.CACHE_MAX_SIZE;
import static io.healthagent.config.OptionTable.CHECK_URL;
import static io.healthagent.config.OptionTable.DB_PASSWORD;
import static io.healthagent.config.OptionTable.DB_URL;
import static io.healthagent.config.OptionTable.DB_USER;
import static io.healthagent.config.OptionTable.JAEGER_ENDPOINT;
import static io.healthagent.config.OptionTable.REDIS_URL;
import static io.healthagent.config.OptionTable.WEBHOOK_URL;
import static io.healthagent.config.OptionTable.WEBSOCKET_ABNORMAL_CLOSE_WARNING;
import static io.healthagent.config.OptionTable.WEBSOCKET_MAX_CONNECTIONS;

import io.healthagent.AgentLog;
import io.healthagent.config.Options;
import io.healthagent.metrics.WebSocketMetrics;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Builds the service and dependency checks the options ask for; a check whose key is not set is not built. */
public final class DependencyChecks {
    private DependencyChecks() {
    }

    public static List<Check> from(Options o, WebSocketMetrics websockets) {
        List<Check> checks = new ArrayList<>();
        String dbUrl = o.get(DB_URL);
        if (dbUrl != null) {
            checks.add(new DatabaseCheck("database", dbUrl, o.get(DB_USER), o.get(DB_PASSWORD), o.check("database").timeout));
        }
        String audioDir = o.get(AUDIO_DIR);
        if (audioDir != null) checks.add(new AudioDirectoryCheck(Paths.get(audioDir).toAbsolutePath()));
        String cacheDir = o.get(CACHE_DIR);
        if (cacheDir != null) checks.add(new CacheCheck(Paths.get(cacheDir).toAbsolutePath(), o.get(CACHE_MAX_SIZE)));
        Integer maxConnections = o.get(WEBSOCKET_MAX_CONNECTIONS);
        if (maxConnections != null) {
            checks.add(new WebSocketCheck(websockets, maxConnections, o.get(WEBSOCKET_ABNORMAL_CLOSE_WARNING)));
        }
        if (o.get(REDIS_URL) != null) add(checks, "redis", o.get(REDIS_URL), o);
        if (o.get(JAEGER_ENDPOINT) != null) add(checks, "jaeger", o.get(JAEGER_ENDPOINT), o);
        for (Map.Entry<String, String> e : o.named(CHECK_URL).entrySet()) {
            add(checks, e.getKey(), e.getValue(), o);
        }
        return checks;
    }

    private static void add(List<Check> checks, String name, String url, Options o) {
        try {
            checks.add(forUrl(name, url, o));
        } catch (IllegalArgumentException e) {
            AgentLog.warn("check '" + name + "' is off: " + Secrets.url(url) + " is not usable (" + e.getMessage() + ")");
        }
    }

    static Check forUrl(String name, String url, Options o) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (name.equals("redis")) return new RedisCheck(name, url, o.check(name).timeout);
        if (lower.startsWith("http://") || lower.startsWith("https://")) return new HttpCheck(name, url, o.check(name));
        if (lower.startsWith("tcp://")) return new TcpCheck(name, url, o.check(name).timeout);
        if (lower.startsWith("jdbc:")) return new DatabaseCheck(name, url, null, null, o.check(name).timeout);
        if (lower.startsWith("redis://") || lower.startsWith("rediss://")) {
            return new RedisCheck(name, url, o.check(name).timeout);
        }
        throw new IllegalArgumentException("expected http(s)://..., tcp://host:port, redis://... or a JDBC URL");
    }

    /** Every secret the options hold, so that no message can carry one. */
    public static Secrets secretsOf(Options o) {
        List<String> values = new ArrayList<>(Arrays.asList(o.get(DB_PASSWORD), o.get(AUTH_TOKEN)));
        for (String url : Arrays.asList(o.get(REDIS_URL), o.get(DB_URL), o.get(JAEGER_ENDPOINT))) values.addAll(Secrets.secretsIn(url));
        for (String url : o.named(CHECK_URL).values()) values.addAll(Secrets.secretsIn(url));
        for (String url : Arrays.asList(o.get(WEBHOOK_URL), o.get(ALERTMANAGER_URL))) { // a webhook's path is often its token
            if (url == null) continue;
            values.addAll(Secrets.secretsIn(url));
            int path = url.indexOf('/', url.indexOf("://") + 3);
            if (path > 0 && path < url.length() - 1) values.add(url.substring(path));
        }
        return new Secrets(values);
    }
}

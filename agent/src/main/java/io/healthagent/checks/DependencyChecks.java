package io.healthagent.checks;

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
        if (o.dbUrl != null) {
            checks.add(new DatabaseCheck("database", o.dbUrl, o.dbUser, o.dbPassword, o.check("database").timeout));
        }
        if (o.audioDir != null) checks.add(new AudioDirectoryCheck(Paths.get(o.audioDir).toAbsolutePath()));
        if (o.cacheDir != null) checks.add(new CacheCheck(Paths.get(o.cacheDir).toAbsolutePath(), o.cacheMaxBytes));
        if (o.websocketMaxConnections > 0) checks.add(new WebSocketCheck(websockets, o.websocketMaxConnections, o.websocketAbnormalCloseWarning));
        if (o.redisUrl != null) add(checks, "redis", o.redisUrl, o);
        if (o.jaegerEndpoint != null) add(checks, "jaeger", o.jaegerEndpoint, o);
        for (Map.Entry<String, String> e : o.extraChecks.entrySet()) {
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
        List<String> values = new ArrayList<>(Arrays.asList(o.dbPassword, o.authToken));
        for (String url : Arrays.asList(o.redisUrl, o.dbUrl, o.jaegerEndpoint)) values.addAll(Secrets.secretsIn(url));
        for (String url : o.extraChecks.values()) values.addAll(Secrets.secretsIn(url));
        for (String url : Arrays.asList(o.webhookUrl, o.alertmanagerUrl)) { // a webhook's path is often its token
            if (url == null) continue;
            values.addAll(Secrets.secretsIn(url));
            int path = url.indexOf('/', url.indexOf("://") + 3);
            if (path > 0 && path < url.length() - 1) values.add(url.substring(path));
        }
        return new Secrets(values);
    }
}

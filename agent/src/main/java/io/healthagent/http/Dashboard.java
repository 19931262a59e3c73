package io.healthagent.http;

import io.healthagent.config.OptionTable;
import io.healthagent.config.Options;
import io.healthagent.config.Thresholds;
import io.healthagent.model.ReportJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * GET / (and /dashboard): one page that reads what the other endpoints serve and draws it, and its
 * assets, all from the agent jar (uPlot's script and style from its WebJar). Every body is made once, at
 * start, so the port's own thread answers them. The page itself carries no figure: its script asks
 * /health, then the detailed endpoints (with the bearer token the operator typed, when auth.token is set),
 * and shows the status alone where it may see nothing more.
 */
final class Dashboard {
    private static final String UPLOT = "/META-INF/resources/webjars/uplot/1.6.30/dist/";
    /** Only the page's own scripts, styles and images; uPlot styles its elements from script, which this allows. */
    private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private final HttpReply page;
    private final String assetPrefix;
    private final Map<String, HttpReply> assets = new LinkedHashMap<>();

    Dashboard(Options options, String agentVersion) {
        // The version in the assets' path: a new agent's page never runs an old cached script.
        assetPrefix = "/assets/" + agentVersion + "/";
        asset("dashboard.js", "/io/healthagent/dashboard/dashboard.js", "text/javascript; charset=utf-8");
        asset("dashboard.css", "/io/healthagent/dashboard/dashboard.css", "text/css; charset=utf-8");
        asset("uPlot.min.js", UPLOT + "uPlot.iife.min.js", "text/javascript; charset=utf-8");
        asset("uPlot.min.css", UPLOT + "uPlot.min.css", "text/css; charset=utf-8");
        String html = new String(read("/io/healthagent/dashboard/index.html"), StandardCharsets.UTF_8)
                .replace("{{assets}}", assetPrefix)
                .replace("{{config}}", new String(config(options), StandardCharsets.UTF_8).replace("</", "<\\/"));
        page = secured(new HttpReply(200, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8)))
                .header("Cache-Control", "no-cache");
    }

    /** The page or an asset for {@code path}, or null when the path is neither. */
    HttpReply answer(String path) {
        if (path.equals("/") || path.equals("/dashboard")) {
            return page;
        }
        if (path.startsWith(assetPrefix)) {
            HttpReply asset = assets.get(path.substring(assetPrefix.length()));
            return asset != null ? asset : HttpReply.error(404, "not found: no such asset");
        }
        return null;
    }

    /** What the script needs to know and cannot ask for: how often to refresh, the thresholds, who may see what. */
    private static byte[] config(Options options) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("refresh_seconds", Math.max(1, options.get(OptionTable.CHECK_INTERVAL).getSeconds()));
        c.put("details", options.get(OptionTable.DETAILS));
        c.put("token_required", options.get(OptionTable.AUTH_TOKEN) != null && !options.get(OptionTable.DETAILS).equals("always"));
        Thresholds t = options.thresholds();
        Map<String, double[]> thresholds = new LinkedHashMap<>();
        for (Thresholds.Metric m : Thresholds.Metric.values()) {
            thresholds.put(m.key, new double[] {t.warning(m), t.critical(m), t.emergency(m)});
        }
        c.put("thresholds", thresholds);
        return ReportJson.write(c);
    }

    private void asset(String name, String resource, String type) {
        assets.put(name, secured(new HttpReply(200, type, read(resource)))
                .header("Cache-Control", "public, max-age=31536000, immutable"));
    }

    private static HttpReply secured(HttpReply reply) {
        return reply.header("Content-Security-Policy", CSP).header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer");
    }

    private static byte[] read(String resource) {
        try (InputStream in = Dashboard.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("missing from the agent jar: " + resource);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

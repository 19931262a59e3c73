package io.healthagent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The dashboard at GET /, in a real browser (Debian's Chromium over the DevTools protocol), against the
 * stream server under its simulator: no console error and no request to another origin; the banner says
 * what /health says; each chart holds the points /health/history returns for its metric and window; a
 * dependency the test stops shows as a failing check, then an alert, within two refreshes of
 * /health/detailed; usable at a phone's width. With auth.token nothing detailed shows (or is asked for)
 * until the token is given; with details=never, the status alone. Screenshots go to target/screenshots.
 */
class DashboardIT {
    static final Path SHOTS = Paths.get("target/screenshots");

    @Test
    void theDashboardShowsWhatTheEndpointsServe() throws Exception {
        int port = HostProcess.freePort();
        int agentPort = HostProcess.freePort();
        String agent = "http://127.0.0.1:" + agentPort;
        try (ServerSocket api = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
             HostProcess host = HostProcess.streamServer("dashboard", HostProcess.currentJavaHome(),
                     "port=" + agentPort + ",host=127.0.0.1,check.interval=1s,check.api.url=tcp://127.0.0.1:"
                             + api.getLocalPort() + ",websocket.max_connections=100", port, List.of("--simulate", "2"))) {
            host.awaitOutput("stream-server listening", Duration.ofSeconds(60));
            Http.awaitSettledAgent(agent);
            headersAreStrict(agent);
            Http.load("http://127.0.0.1:" + port + "/api/tracks", 5, 1);
            Http.awaitMetrics(agent, m -> Http.count(m, "/api/tracks") >= 5, Duration.ofSeconds(30));

            try (Browser desktop = new Browser(1280, 900, false)) {
                desktop.navigate(agent + "/");
                desktop.await("window.healthAgent && healthAgent.refreshes >= 2", JsonNode::asBoolean, Duration.ofSeconds(30));
                String status = Http.get(agent + "/health").json().get("status").asText();
                desktop.await("document.getElementById('status-word').textContent", v -> v.asText().equals(status),
                        Duration.ofSeconds(10));
                assertTrue(desktop.eval("document.getElementById('banner').className").asText().contains("status-" + status));
                assertEquals(Http.get(agent + "/health").json().get("service").asText(),
                        desktop.eval("document.getElementById('service').textContent").asText());
                chartsHoldTheHistory(desktop, agent, "1h");
                assertTrue(desktop.eval("Array.from(document.querySelectorAll('#routes tbody td:first-child'))"
                        + ".some(function (td) { return td.textContent === '/api/tracks'; })").asBoolean(), "the per-route table");

                // Another window: the charts are drawn again from that window's history.
                desktop.eval("document.querySelector('[data-window=\"24h\"]').click(); true");
                desktop.await("healthAgent.fetched.cpu", v -> v.asText().contains("step=300"), Duration.ofSeconds(10));
                int after = desktop.eval("healthAgent.refreshes").asInt();
                desktop.await("healthAgent.refreshes", v -> v.asInt() > after, Duration.ofSeconds(10));
                chartsHoldTheHistory(desktop, agent, "24h");
                desktop.eval("document.querySelector('[data-window=\"1h\"]').click(); true");

                // The dependency goes away: the failing check, then the alert, within two refreshes of the API.
                api.close();
                awaitOnPage(desktop, agent, d -> d.get("checks").get("api").get("status").asText().equals("fail"),
                        "document.querySelector('li[data-check=\"api\"].fail') !== null");
                awaitOnPage(desktop, agent, d -> hasActive(d, "api:consecutive_failures"),
                        "document.querySelector('li[data-alert=\"api:consecutive_failures\"]') !== null");
                String alertText = desktop.eval("document.querySelector('li[data-alert=\"api:consecutive_failures\"]').textContent")
                        .asText();
                assertTrue(alertText.contains("transition"), alertText);

                desktop.screenshot(SHOTS.resolve("dashboard-desktop.png"));
                assertEquals(List.of(), desktop.errors, "no console error");
                List<String> elsewhere = new ArrayList<>();
                for (String url : desktop.requests) if (!url.startsWith(agent + "/") && !url.startsWith("data:")) elsewhere.add(url);
                assertEquals(List.of(), elsewhere, "no request leaves for another origin");

                try (Browser phone = new Browser(390, 844, true)) {
                    phone.navigate(agent + "/");
                    phone.await("window.healthAgent && healthAgent.refreshes >= 1 && Object.keys(healthAgent.charts).length === 8",
                            JsonNode::asBoolean, Duration.ofSeconds(30));
                    JsonNode widths = phone.eval("[document.documentElement.scrollWidth, window.innerWidth]");
                    assertTrue(widths.get(0).asInt() <= widths.get(1).asInt(), "nothing wider than a phone: " + widths);
                    phone.screenshot(SHOTS.resolve("dashboard-phone.png"));
                    assertEquals(List.of(), phone.errors, "no console error");
                }
                Http.assertNoAgentErrors(agent);

                // The server goes away: the page says since when, and keeps what it showed.
                host.close();
                desktop.await("document.getElementById('stale').hidden", v -> !v.asBoolean(), Duration.ofSeconds(15));
                assertTrue(desktop.eval("document.getElementById('stale').textContent").asText().startsWith("The agent stopped answering"));
                assertTrue(desktop.eval("document.querySelectorAll('#checks li').length").asInt() > 0, "the last figures stay");
            }
        }
    }

    @Test
    void withATokenNothingDetailedShowsUntilItIsGivenAndDetailsNeverShowsTheStatusAlone() throws Exception {
        String token = "dashboard-secret-7f3a";
        int port = HostProcess.freePort();
        int agentPort = HostProcess.freePort();
        int neverPort = HostProcess.freePort();
        int neverAgentPort = HostProcess.freePort();
        String agent = "http://127.0.0.1:" + agentPort;
        String never = "http://127.0.0.1:" + neverAgentPort;
        try (HostProcess guarded = HostProcess.jdkHttpHost("dashboard-token", HostProcess.currentJavaHome(),
                "port=" + agentPort + ",host=127.0.0.1,check.interval=1s,auth.token=" + token, port);
             HostProcess closed = HostProcess.jdkHttpHost("dashboard-never", HostProcess.currentJavaHome(),
                     "port=" + neverAgentPort + ",host=127.0.0.1,check.interval=1s,details=never", neverPort);
             Browser browser = new Browser(1280, 900, false)) {
            guarded.awaitHttp(agent + "/health", Duration.ofSeconds(30));
            closed.awaitHttp(never + "/health", Duration.ofSeconds(30));

            browser.navigate(agent + "/");
            browser.await("window.healthAgent && healthAgent.refreshes >= 2", JsonNode::asBoolean, Duration.ofSeconds(30));
            assertFalse(browser.eval("document.getElementById('token-form').hidden").asBoolean(), "the token form shows");
            assertTrue(browser.eval("document.getElementById('details').hidden").asBoolean());
            assertEquals(0, browser.eval("document.querySelectorAll('#checks li').length").asInt());
            assertEquals("–", browser.eval("document.getElementById('score').textContent").asText());
            assertFalse(browser.eval("document.getElementById('status-word').textContent").asText().equals("loading"),
                    "the status shows");
            assertTrue(browser.requests.stream().noneMatch(u -> u.contains("/health/") && !u.endsWith("/health")),
                    "nothing detailed asked for: " + browser.requests);

            browser.eval("document.getElementById('token-input').value = 'wrong'; "
                    + "document.getElementById('token-form').requestSubmit(); true");
            browser.await("document.getElementById('token-error').hidden", v -> !v.asBoolean(), Duration.ofSeconds(10));
            assertTrue(browser.eval("document.getElementById('details').hidden").asBoolean(), "a wrong token shows nothing");

            browser.eval("document.getElementById('token-input').value = '" + token + "'; "
                    + "document.getElementById('token-form').requestSubmit(); true");
            browser.await("document.querySelectorAll('#checks li').length", v -> v.asInt() > 0, Duration.ofSeconds(10));
            assertFalse(browser.eval("document.getElementById('details').hidden").asBoolean());
            assertEquals(token, browser.eval("sessionStorage.getItem('health-agent-token')").asText(),
                    "kept for the session, sent as a bearer token");
            assertTrue(browser.requests.stream().noneMatch(u -> u.contains(token)), "never in a URL");

            browser.navigate(never + "/");
            browser.await("window.healthAgent && healthAgent.refreshes >= 1", JsonNode::asBoolean, Duration.ofSeconds(30));
            assertFalse(browser.eval("document.getElementById('status-only').hidden").asBoolean());
            assertTrue(browser.eval("document.getElementById('details').hidden").asBoolean());
            assertTrue(browser.eval("document.getElementById('token-form').hidden").asBoolean());
            assertEquals(Http.get(never + "/health").json().get("status").asText(),
                    browser.eval("document.getElementById('status-word').textContent").asText());
            // details=never hides agent.errors; the guarded agent, with its token, shows its own.
            JsonNode errors = Http.get(agent + "/health/detailed", "Authorization", "Bearer " + token).json().get("agent");
            assertEquals(0, errors.get("errors").asLong(), errors.toString());
        }
    }

    /** The page's own headers: only its own scripts, styles and images; assets cacheable, the page not. */
    private static void headersAreStrict(String agent) throws Exception {
        Http.Reply page = Http.get(agent + "/");
        assertEquals(200, page.status());
        String csp = page.raw().headers().firstValue("content-security-policy").orElse("");
        assertTrue(csp.contains("default-src 'none'") && csp.contains("script-src 'self'") && csp.contains("style-src 'self'"), csp);
        assertEquals("nosniff", page.raw().headers().firstValue("x-content-type-options").orElse(""));
        Matcher assets = Pattern.compile("(?:src|href)=\"(/assets/[^\"]+)\"").matcher(page.body());
        int n = 0;
        while (assets.find()) {
            Http.Reply a = Http.get(agent + assets.group(1));
            assertEquals(200, a.status(), assets.group(1));
            assertTrue(a.raw().headers().firstValue("cache-control").orElse("").contains("max-age="), assets.group(1));
            n++;
        }
        assertEquals(4, n, "uPlot's script and style, the page's own: " + page.body());
    }

    /** Each chart's series has as many points as /health/history returns at the URL the page asked. */
    private static void chartsHoldTheHistory(Browser b, String agent, String window) throws Exception {
        JsonNode charts = b.eval("Object.keys(healthAgent.charts).map(function (id) { var c = healthAgent.charts[id];"
                + " return c.metrics.map(function (m, i) { var ys = c.u.data[i + 1], xs = c.u.data[0], n = 0, last = 0;"
                + " for (var k = 0; k < ys.length; k++) if (ys[k] !== null) { n++; last = xs[k]; }"
                + " return {chart: id, metric: m, points: n, last: last, url: healthAgent.fetched[m]}; }); }).flat()");
        assertEquals(10, charts.size(), "8 charts, 10 series: " + charts);
        for (JsonNode c : charts) {
            JsonNode points = Http.get(agent + c.get("url").asText()).json().get("points");
            long expected = 0;
            for (JsonNode p : points) if (p.get(0).asLong() <= c.get("last").asLong()) expected++;
            assertTrue(expected > 0, window + " " + c);
            assertEquals(expected, c.get("points").asLong(), window + " " + c.get("chart") + "/" + c.get("metric"));
        }
    }

    /** Waits until /health/detailed shows {@code done}, then until the page shows it: within two refreshes. */
    private static void awaitOnPage(Browser b, String agent, java.util.function.Predicate<JsonNode> done, String onPage)
            throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!done.test(Http.get(agent + "/health/detailed").json())) {
            assertTrue(System.nanoTime() < deadline, "/health/detailed never showed it");
            Thread.sleep(50);
        }
        int seen = b.eval("healthAgent.refreshes").asInt();
        b.await(onPage, JsonNode::asBoolean, Duration.ofSeconds(15));
        int shown = b.eval("healthAgent.refreshes").asInt();
        assertTrue(shown <= seen + 2, "on the page within two refreshes: " + seen + " -> " + shown);
    }

    private static boolean hasActive(JsonNode detailed, String id) {
        for (JsonNode a : detailed.get("alerts")) {
            if (a.get("id").asText().equals(id) && !a.get("resolved").asBoolean()) return true;
        }
        return false;
    }
}

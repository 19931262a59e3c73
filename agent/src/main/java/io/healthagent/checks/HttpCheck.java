package io.healthagent.checks;

import io.healthagent.config.CheckSettings;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URL;

/** GET of an HTTP(S) URL (Jaeger's admin health endpoint, or any external API): pass on the expected status. */
public final class HttpCheck implements Check {
    private final String name;
    private final String url;
    private final CheckSettings settings;

    public HttpCheck(String name, String url, CheckSettings settings) {
        this.name = name;
        this.url = url;
        this.settings = settings;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public CheckOutcome run() throws IOException {
        String shown = Secrets.url(url);
        int timeout = (int) Math.min(Integer.MAX_VALUE, settings.timeout.toMillis());
        HttpURLConnection c = (HttpURLConnection) new URL(url).openConnection();
        c.setConnectTimeout(timeout);
        c.setReadTimeout(timeout);
        c.setInstanceFollowRedirects(false);
        c.setUseCaches(false);
        c.setRequestProperty("User-Agent", "health-agent");
        c.setRequestProperty("Connection", "close"); // no pooled socket left behind in the host's JVM
        try {
            int status = c.getResponseCode();
            drain(status >= 400 ? c.getErrorStream() : c.getInputStream());
            if (settings.statusExpected(status)) {
                return CheckOutcome.pass(name, "HTTP " + status + " from " + shown);
            }
            return CheckOutcome.fail(name, "HTTP " + status + " from " + shown + " (expected "
                    + settings.expectedStatus + ")");
        } catch (ConnectException e) {
            return CheckOutcome.fail(name, shown + " refused the connection");
        } catch (SocketTimeoutException e) {
            return CheckOutcome.fail(name, shown + " did not answer within " + timeout + " ms");
        } finally {
            c.disconnect();
        }
    }

    private static void drain(InputStream in) throws IOException {
        if (in == null) return;
        try (InputStream body = in) {
            body.skip(64 * 1024);
        }
    }
}

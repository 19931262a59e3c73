package io.healthagent.checks;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;

/** {@code tcp://host:port}: passes when a TCP connection opens within the timeout. */
public final class TcpCheck implements Check {
    private final String name;
    private final String host;
    private final int port;
    private final int timeoutMillis;

    public TcpCheck(String name, String url, Duration timeout) {
        URI uri = URI.create(url);
        if (uri.getHost() == null || uri.getPort() <= 0) {
            throw new IllegalArgumentException("expected tcp://host:port");
        }
        this.name = name;
        this.host = uri.getHost();
        this.port = uri.getPort();
        this.timeoutMillis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public CheckOutcome run() throws IOException {
        String where = host + ":" + port;
        long t0 = System.nanoTime();
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), timeoutMillis);
            return CheckOutcome.pass(name, "TCP connection to " + where + " opened in "
                    + (System.nanoTime() - t0) / 1_000_000 + " ms");
        } catch (ConnectException e) {
            return CheckOutcome.fail(name, where + " refused the connection");
        } catch (SocketTimeoutException e) {
            return CheckOutcome.fail(name, where + " did not accept within " + timeoutMillis + " ms");
        }
    }
}

package io.healthagent.checks;

import io.healthagent.AgentLog;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Speaks RESP to Redis: AUTH when the URL has a password, SELECT for a db, PING, then INFO for the
 * version and the memory used. {@code redis://[user:password@]host:port[/db]}, {@code rediss://} for TLS.
 */
public final class RedisCheck implements Check {
    private final String name;
    private final boolean tls;
    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final int db;
    private final int timeoutMillis;

    public RedisCheck(String name, String url, Duration timeout) {
        URI uri = URI.create(url);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("redis") && !scheme.equals("rediss") || uri.getHost() == null) {
            throw new IllegalArgumentException("expected redis://[user:password@]host:port[/db] or rediss://...");
        }
        this.name = name;
        this.tls = scheme.equals("rediss");
        this.host = uri.getHost();
        this.port = uri.getPort() > 0 ? uri.getPort() : 6379;
        String info = uri.getRawUserInfo();
        if (info != null) {
            int colon = info.indexOf(':');
            String u = colon < 0 ? "" : decode(info.substring(0, colon));
            this.user = u.isEmpty() ? null : u;
            this.password = decode(colon < 0 ? info : info.substring(colon + 1));
        } else {
            this.user = null;
            this.password = null;
        }
        String path = uri.getPath() == null ? "" : uri.getPath().replace("/", "");
        this.db = path.isEmpty() ? 0 : Integer.parseInt(path);
        this.timeoutMillis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    }

    private static String decode(String s) {
        return java.net.URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public CheckOutcome run() {
        String where = host + ":" + port;
        try (Socket socket = tls ? SSLSocketFactory.getDefault().createSocket() : new Socket()) {
            if (socket instanceof SSLSocket) { // verify the certificate names this host, as HTTPS does
                SSLParameters params = ((SSLSocket) socket).getSSLParameters();
                params.setEndpointIdentificationAlgorithm("HTTPS");
                ((SSLSocket) socket).setSSLParameters(params);
            }
            socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            if (password != null) {
                String reply = user == null ? command(in, out, "AUTH", password) : command(in, out, "AUTH", user, password);
                if (reply.startsWith("-")) return CheckOutcome.fail(name, "Redis at " + where + " refused AUTH: " + reply.substring(1));
            }
            if (db != 0) {
                String reply = command(in, out, "SELECT", Integer.toString(db));
                if (reply.startsWith("-")) return CheckOutcome.fail(name, "Redis at " + where + " refused SELECT " + db + ": " + reply.substring(1));
            }
            long t0 = System.nanoTime();
            String pong = command(in, out, "PING");
            long pingMicros = (System.nanoTime() - t0) / 1000;
            if (!pong.equals("+PONG")) {
                return CheckOutcome.fail(name, "Redis at " + where + " answered PING with " + strip(pong));
            }
            String server = command(in, out, "INFO", "server");
            String memory = command(in, out, "INFO", "memory");
            if (server.startsWith("-") || memory.startsWith("-")) {
                return CheckOutcome.fail(name, "Redis at " + where + " refused INFO: " + strip(server.startsWith("-") ? server : memory));
            }
            return CheckOutcome.pass(name, "Redis " + field(server, "redis_version") + " at " + where + ": PONG in "
                    + String.format(java.util.Locale.ROOT, "%.1f", pingMicros / 1000.0) + " ms, "
                    + field(memory, "used_memory_human") + " used" + (db != 0 ? ", db " + db : ""));
        } catch (ConnectException e) {
            return CheckOutcome.fail(name, "Redis at " + where + " refused the connection");
        } catch (SocketTimeoutException e) {
            return CheckOutcome.fail(name, "Redis at " + where + " did not answer within " + timeoutMillis + " ms");
        } catch (javax.net.ssl.SSLException e) {
            return CheckOutcome.fail(name, "TLS with Redis at " + where + " failed: " + AgentLog.describe(e));
        } catch (IOException e) {
            return CheckOutcome.fail(name, "Redis at " + where + ": " + AgentLog.describe(e));
        }
    }

    private static String strip(String reply) {
        return reply.startsWith("-") || reply.startsWith("+") ? reply.substring(1) : reply;
    }

    private static String field(String info, String key) {
        for (String line : info.split("\r\n")) {
            if (line.startsWith(key + ":")) return line.substring(key.length() + 1);
        }
        return "?";
    }

    /** Sends one command; returns "+simple", "-error", ":n", or a bulk string's content. */
    private static String command(InputStream in, OutputStream out, String... args) throws IOException {
        StringBuilder b = new StringBuilder().append('*').append(args.length).append("\r\n");
        for (String a : args) {
            byte[] bytes = a.getBytes(StandardCharsets.UTF_8);
            b.append('$').append(bytes.length).append("\r\n").append(a).append("\r\n");
        }
        out.write(b.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
        String line = readLine(in);
        if (line.startsWith("$")) {
            int length = Integer.parseInt(line.substring(1));
            if (length < 0) return "";
            byte[] data = in.readNBytes(length + 2);
            return new String(data, 0, Math.max(0, data.length - 2), StandardCharsets.UTF_8);
        }
        return line;
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\r') {
                in.read(); // '\n'
                return line.toString(StandardCharsets.UTF_8);
            }
            line.write(c);
        }
        throw new IOException("connection closed by the server");
    }
}

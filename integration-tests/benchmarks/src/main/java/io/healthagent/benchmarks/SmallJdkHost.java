package io.healthagent.benchmarks;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The smallest server an agent can be measured on: the JDK's HttpServer answering "ok" on one port. What
 * a JVM with any agent adds to it is the agent's own cost, with no framework in the way.
 * {@code java -cp benchmarks.jar io.healthagent.benchmarks.SmallJdkHost PORT}
 */
public final class SmallJdkHost {
    private SmallJdkHost() {
    }

    public static void main(String[] args) throws Exception {
        byte[] ok = "ok".getBytes(StandardCharsets.US_ASCII);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 64);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, ok.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(ok);
            }
        });
        server.start();
    }
}

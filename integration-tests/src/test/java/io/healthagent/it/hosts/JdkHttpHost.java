package io.healthagent.it.hosts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import org.HdrHistogram.Histogram;

/**
 * A second host for the tests: the JDK's own HttpServer, bundling its own (older) Jackson and
 * HdrHistogram. Handlers are lambdas and a class; /slow has a user filter in front of it.
 * Usage: JdkHttpHost PORT [virtual] (virtual: a virtual thread per exchange, on JDK 21 and later)
 */
public final class JdkHttpHost {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Histogram OWN = new Histogram(3);

    private JdkHttpHost() {
    }

    public static void main(String[] args) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 0);
        server.setExecutor(args.length > 1 && args[1].equals("virtual") ? virtualThreadPerTask() : Executors.newFixedThreadPool(8));
        server.createContext("/slow", exchange -> {
            int ms = Integer.parseInt(exchange.getRequestURI().getQuery().replace("ms=", ""));
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (OWN) {
                OWN.recordValue(ms);
            }
            respond(exchange, 200, MAPPER.writeValueAsString(Map.of("slept_ms", ms)));
        }).getFilters().add(new Filter() {
            @Override
            public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
                exchange.getResponseHeaders().add("X-Filtered", "yes");
                chain.doFilter(exchange);
            }

            @Override
            public String description() {
                return "adds a header";
            }
        });
        server.createContext("/fail", new FailHandler());
        // A stream: the headers at once (chunked), then a chunk every 100 ms for ms milliseconds.
        server.createContext("/stream", exchange -> {
            int ms = Integer.parseInt(exchange.getRequestURI().getQuery().replace("ms=", ""));
            exchange.sendResponseHeaders(200, 0);
            try (java.io.OutputStream out = exchange.getResponseBody()) {
                long end = System.nanoTime() + ms * 1_000_000L;
                while (System.nanoTime() - end < 0) {
                    out.write(new byte[1024]);
                    out.flush();
                    Thread.sleep(Math.max(1, Math.min(100, (end - System.nanoTime()) / 1_000_000)));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.createContext("/crash", exchange -> {
            throw new IllegalStateException("injected crash");
        });
        server.createContext("/versions", exchange -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("jackson", com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString());
            body.put("jackson_from", ObjectMapper.class.getProtectionDomain().getCodeSource().getLocation().toString());
            body.put("hdrhistogram_from", Histogram.class.getProtectionDomain().getCodeSource().getLocation().toString());
            body.putAll(ownLibraries());
            synchronized (OWN) {
                body.put("own_histogram_count", OWN.getTotalCount());
                body.put("own_histogram_p50", OWN.getValueAtPercentile(50));
            }
            respond(exchange, 200, MAPPER.writeValueAsString(body));
        });
        server.start();
        System.out.println("jdk-host listening on " + args[0]);
    }

    static final class FailHandler implements HttpHandler {
        @Override
        public void handle(HttpExchange exchange) throws IOException {
            respond(exchange, 503, "{\"error\":\"injected\"}");
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Executors.newVirtualThreadPerTaskExecutor(), looked up: the host compiles at release 17. */
    private static java.util.concurrent.Executor virtualThreadPerTask() {
        try {
            return (java.util.concurrent.Executor) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("virtual threads need JDK 21 or later", e);
        }
    }

    /**
     * The host's own copies of libraries the agent also uses, at other versions, used at run time: Byte Buddy
     * makes a class, JNA loads its native library, sqlite-jdbc opens a database. Looked up by name: the host
     * compiles without them.
     */
    static Map<String, Object> ownLibraries() {
        Map<String, Object> out = new LinkedHashMap<>();
        try {
            Class<?> byteBuddy = Class.forName("net.bytebuddy.ByteBuddy");
            Class<?> builder = Class.forName("net.bytebuddy.dynamic.DynamicType$Builder");
            Object b = byteBuddy.getMethod("subclass", Class.class).invoke(byteBuddy.getConstructor().newInstance(), Object.class);
            b = builder.getMethod("name", String.class).invoke(b, "io.healthagent.it.hosts.MadeByTheHostsByteBuddy");
            Object unloaded = builder.getMethod("make").invoke(b);
            Object loaded = Class.forName("net.bytebuddy.dynamic.DynamicType$Unloaded").getMethod("load", ClassLoader.class)
                    .invoke(unloaded, JdkHttpHost.class.getClassLoader());
            Class<?> made = (Class<?>) Class.forName("net.bytebuddy.dynamic.DynamicType$Loaded").getMethod("getLoaded").invoke(loaded);
            out.put("bytebuddy_made", made.getName());
            out.put("bytebuddy_from", byteBuddy.getProtectionDomain().getCodeSource().getLocation().toString());
            Class<?> jna = Class.forName("com.sun.jna.Native");
            out.put("jna_last_error", jna.getMethod("getLastError").invoke(null)); // a native call: libjnidispatch loaded
            out.put("jna_from", jna.getProtectionDomain().getCodeSource().getLocation().toString());
            try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite::memory:");
                 java.sql.ResultSet rs = c.createStatement().executeQuery("SELECT sqlite_version()")) {
                rs.next();
                out.put("sqlite_version", rs.getString(1));
                out.put("sqlite_from", java.sql.DriverManager.getDriver("jdbc:sqlite::memory:").getClass()
                        .getProtectionDomain().getCodeSource().getLocation().toString());
            }
            Class<?> systemInfo = Class.forName("oshi.SystemInfo"); // OSHI reads the machine through JNA
            Object hardware = systemInfo.getMethod("getHardware").invoke(systemInfo.getConstructor().newInstance());
            Object memory = Class.forName("oshi.hardware.HardwareAbstractionLayer").getMethod("getMemory").invoke(hardware);
            out.put("oshi_memory_total", Class.forName("oshi.hardware.GlobalMemory").getMethod("getTotal").invoke(memory));
            out.put("oshi_from", systemInfo.getProtectionDomain().getCodeSource().getLocation().toString());
        } catch (Exception e) {
            Throwable cause = e instanceof java.lang.reflect.InvocationTargetException ? e.getCause() : e;
            out.put("own_libraries_error", cause.toString());
        }
        return out;
    }
}

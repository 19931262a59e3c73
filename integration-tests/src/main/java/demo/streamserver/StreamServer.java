package demo.streamserver;

import jakarta.servlet.DispatcherType;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A small audio stream server on Jetty 12: a SQLite track catalogue, WAV files served with Range
 * support, and routes that make latency and failures visible. It knows nothing of the health agent.
 *
 * <pre>
 * java -jar stream-server.jar [--port 8080] [--host 0.0.0.0] [--data-dir stream-data]
 *                             [--simulate N] [--simulate-minutes 60] [--now-playing-seconds 5]
 *                             [--virtual-threads]
 * </pre>
 * {@code --virtual-threads}: Jetty runs each request on a virtual thread (JDK 21 and later).
 */
public final class StreamServer {
    private StreamServer() {
    }

    public static void main(String[] args) throws Exception {
        int port = 8080;
        String host = "0.0.0.0";
        Path dataDir = Paths.get("stream-data");
        int simulate = 0;
        int simulateMinutes = 60;
        int nowPlayingSeconds = 5;
        boolean virtualThreads = false;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--port" -> { port = Integer.parseInt(value); i++; }
                case "--host" -> { host = value; i++; }
                case "--data-dir" -> { dataDir = Paths.get(value); i++; }
                case "--simulate" -> { simulate = Integer.parseInt(value); i++; }
                case "--simulate-minutes" -> { simulateMinutes = Integer.parseInt(value); i++; }
                case "--now-playing-seconds" -> { nowPlayingSeconds = Integer.parseInt(value); i++; }
                case "--virtual-threads" -> virtualThreads = true;
                default -> {
                    System.err.println("unknown argument " + args[i]
                            + "; usage: [--port N] [--host H] [--data-dir DIR] [--simulate N] [--simulate-minutes M]"
                            + " [--now-playing-seconds S] [--virtual-threads]");
                    System.exit(2);
                }
            }
        }

        Catalog catalog = new Catalog(dataDir);
        ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);

        org.eclipse.jetty.util.thread.QueuedThreadPool pool = new org.eclipse.jetty.util.thread.QueuedThreadPool();
        if (virtualThreads) {
            // Looked up by name: the server compiles at release 17.
            pool.setVirtualThreadsExecutor((java.util.concurrent.Executor)
                    Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null));
        }
        Server server = new Server(pool);
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);

        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addServlet(new ServletHolder(new Servlets.Tracks(catalog)), "/api/tracks");
        context.addServlet(new ServletHolder(new Servlets.Stream(catalog)), "/stream/*");
        context.addServlet(new ServletHolder(new Servlets.Slow()), "/api/slow");
        context.addServlet(new ServletHolder(new Servlets.Fail()), "/api/fail");
        context.addServlet(new ServletHolder(new Servlets.Crash()), "/api/crash");
        context.addServlet(new ServletHolder(new Servlets.OutOfMemory()), "/api/oom");
        context.addServlet(new ServletHolder(new Servlets.Latest()), "/api/latest");
        context.addServlet(new ServletHolder(new Servlets.Ping()), "/api/ping");
        context.addServlet(new ServletHolder(new Servlets.Live()), "/api/live");
        WebSockets.install(context, catalog, timer, nowPlayingSeconds);
        ServletHolder async = new ServletHolder(new Servlets.Async(timer));
        async.setAsyncSupported(true);
        context.addServlet(async, "/api/async");
        ServletHolder asyncTwice = new ServletHolder(new Servlets.AsyncTwice(timer));
        asyncTwice.setAsyncSupported(true);
        context.addServlet(asyncTwice, "/api/async2");
        ServletHolder asyncTimeout = new ServletHolder(new Servlets.AsyncTimeout());
        asyncTimeout.setAsyncSupported(true);
        context.addServlet(asyncTimeout, "/api/timeout");
        FilterHolder header = new FilterHolder(new Servlets.ServerHeader());
        header.setAsyncSupported(true);
        context.addFilter(header, "/*", EnumSet.of(DispatcherType.REQUEST, DispatcherType.FORWARD));
        server.setHandler(context);
        server.start();

        int actualPort = connector.getLocalPort();
        System.out.println("stream-server listening on http://" + host + ":" + actualPort
                + " (data in " + dataDir.toAbsolutePath() + ")");
        if (simulate > 0) {
            String target = "http://" + ("0.0.0.0".equals(host) ? "127.0.0.1" : host) + ":" + actualPort;
            new Simulator(target, simulate, Duration.ofMinutes(simulateMinutes)).start();
        }
        server.join();
    }
}

package demo.hosts;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.websocket.server.WsSci;

/**
 * Embedded Tomcat 11 with plain servlets, each mapped the way web.xml would (see {@link HostArgs}); the
 * sleep route answers asynchronously, as a streaming servlet would; /api/block/{ms} blocks its thread.
 * A JSR 356 echo endpoint at /ws/echo. {@code --virtual-threads}: Tomcat's virtual-thread executor.
 */
public final class TomcatHost {
    private static final ScheduledExecutorService LATER = Executors.newScheduledThreadPool(2);

    public static void main(String[] args) throws Exception {
        int port = HostArgs.port(args);
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createTempDirectory("tomcat-host").toString());
        Connector connector = new Connector();
        connector.setPort(port);
        connector.setProperty("address", "127.0.0.1");
        if (java.util.Arrays.asList(args).contains("--virtual-threads")) {
            connector.setProperty("useVirtualThreads", "true"); // Tomcat's executor: a virtual thread per request
        }
        tomcat.setConnector(connector);
        Context context = tomcat.addContext("", null);
        // As every Tomcat's conf/web.xml does: what no servlet maps goes to the default servlet (a 404 here).
        add(context, "default", new org.apache.catalina.servlets.DefaultServlet(), "/");
        add(context, "tracks", new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                resp.setContentType("text/plain");
                resp.getWriter().write("track " + req.getPathInfo().substring(1));
            }
        }, "/api/tracks/*");
        add(context, "sleep", new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
                AsyncContext async = req.startAsync();
                long ms = Long.parseLong(req.getPathInfo().substring(1));
                LATER.schedule(() -> {
                    try {
                        async.getResponse().getWriter().write("slept");
                    } catch (IOException ignored) {
                        // the client left
                    }
                    async.complete();
                }, ms, TimeUnit.MILLISECONDS);
            }
        }, "/api/sleep/*").setAsyncSupported(true);
        context.addServletMappingDecoded("/api/nap/*", "sleep");
        // Blocks its thread for {ms} and says whether that thread is virtual (--virtual-threads).
        add(context, "block", new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                try {
                    Thread.sleep(Long.parseLong(req.getPathInfo().substring(1)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                resp.setContentType("text/plain");
                resp.getWriter().write("virtual=" + Thread.currentThread().toString().startsWith("VirtualThread"));
            }
        }, "/api/block/*");
        add(context, "status", new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
                resp.setStatus(Integer.parseInt(req.getPathInfo().substring(1)));
            }
        }, "/api/status/*");
        add(context, "throw", new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
                throw new IllegalStateException("boom");
            }
        }, "/api/throw");
        add(context, "stream", new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                PrintWriter out = resp.getWriter();
                out.write("first\n");
                out.flush(); // commits: the first byte leaves now
                try {
                    Thread.sleep(Long.parseLong(req.getPathInfo().substring(1)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                out.write("last\n");
            }
        }, "/stream/*");
        context.addServletContainerInitializer(new WsSci(), null);
        context.addApplicationListener(EchoRegistrar.class.getName());
        tomcat.start();
        HostArgs.listening("tomcat", port);
        tomcat.getServer().await();
    }

    private static org.apache.catalina.Wrapper add(Context context, String name, HttpServlet servlet, String pattern) {
        org.apache.catalina.Wrapper w = Tomcat.addServlet(context, name, servlet);
        context.addServletMappingDecoded(pattern, name);
        return w;
    }

    /** Registers the echo endpoint once the WebSocket container exists. */
    public static final class EchoRegistrar implements jakarta.servlet.ServletContextListener {
        @Override
        public void contextInitialized(jakarta.servlet.ServletContextEvent event) {
            ServerContainer container = (ServerContainer) event.getServletContext()
                    .getAttribute(ServerContainer.class.getName());
            try {
                container.addEndpoint(Echo.class);
            } catch (jakarta.websocket.DeploymentException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @ServerEndpoint("/ws/echo")
    public static final class Echo {
        @OnMessage
        public String echo(String text, Session session) {
            return text;
        }
    }
}

// A third test host: javax.servlet 3.1 on Jetty 9.4, run from source by the java launcher
// (`java -cp JETTY9_JARS JavaxServletHost.java PORT`) because Jetty 9's class names clash with the
// Jetty 12 of the stream server. Its servlets: /slow?ms=N, /fail (500), /crash (throws),
// /async?ms=N (async), /forward (forwards to /slow), with a filter in front of all of them.
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.EnumSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.servlet.AsyncContext;
import javax.servlet.DispatcherType;
import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.FilterConfig;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.servlet.FilterHolder;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;

public class JavaxServletHost {
    static int ms(HttpServletRequest req) {
        return Integer.parseInt(req.getParameter("ms"));
    }

    public static void main(String[] args) throws Exception {
        ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
        Server server = new Server(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])));
        ServletContextHandler ctx = new ServletContextHandler();
        ctx.setContextPath("/");
        ctx.addServlet(new ServletHolder(new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                try {
                    Thread.sleep(ms(req));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                resp.getWriter().write("slept");
            }
        }), "/slow");
        ctx.addServlet(new ServletHolder(new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
                resp.setStatus(500);
            }
        }), "/fail");
        ctx.addServlet(new ServletHolder(new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
                throw new IllegalStateException("injected crash");
            }
        }), "/crash");
        ctx.addServlet(new ServletHolder(new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
                req.getRequestDispatcher("/slow").forward(req, resp);
            }
        }), "/forward");
        ServletHolder async = new ServletHolder(new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
                AsyncContext ac = req.startAsync();
                timer.schedule(() -> {
                    try {
                        ac.getResponse().getWriter().write("done");
                    } catch (IOException ignored) {
                        // client gone
                    }
                    ac.complete();
                }, ms(req), TimeUnit.MILLISECONDS);
            }
        });
        async.setAsyncSupported(true);
        ctx.addServlet(async, "/async");
        // Two async cycles: dispatch() after N ms, then startAsync() again in the re-dispatch.
        ServletHolder async2 = new ServletHolder(new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
                AsyncContext ac = req.startAsync();
                if (req.getDispatcherType() == DispatcherType.ASYNC) {
                    timer.schedule(() -> {
                        try {
                            ac.getResponse().getWriter().write("twice");
                        } catch (IOException ignored) {
                            // client gone
                        }
                        ac.complete();
                    }, ms(req), TimeUnit.MILLISECONDS);
                } else {
                    timer.schedule(() -> ac.dispatch(), ms(req), TimeUnit.MILLISECONDS);
                }
            }
        });
        async2.setAsyncSupported(true);
        ctx.addServlet(async2, "/async2");
        // The default servlet, as frameworks map their front controller: every path is one route, "/".
        ctx.addServlet(new ServletHolder(new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                resp.getWriter().write("front controller: " + req.getServletPath());
            }
        }), "/");
        // One servlet under two patterns: the route is the one the request matched.
        ServletHolder files = new ServletHolder(new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                resp.getWriter().write("file");
            }
        });
        ctx.addServlet(files, "/files/*");
        ctx.addServlet(files, "*.m3u8");
        FilterHolder filter = new FilterHolder(new Filter() {
            @Override
            public void init(FilterConfig config) {
            }

            @Override
            public void doFilter(ServletRequest req, ServletResponse resp, FilterChain chain)
                    throws IOException, ServletException {
                ((HttpServletResponse) resp).setHeader("X-Filtered", "yes");
                chain.doFilter(req, resp);
            }

            @Override
            public void destroy() {
            }
        });
        filter.setAsyncSupported(true);
        ctx.addFilter(filter, "/*", EnumSet.of(DispatcherType.REQUEST, DispatcherType.FORWARD));
        // javax.websocket (JSR 356) on Jetty 9.4: an annotated endpoint and a programmatic one.
        javax.websocket.server.ServerContainer container =
                org.eclipse.jetty.websocket.jsr356.server.deploy.WebSocketServerContainerInitializer.configureContext(ctx);
        container.addEndpoint(Chat.class);
        container.addEndpoint(javax.websocket.server.ServerEndpointConfig.Builder.create(Echo.class, "/ws/echo")
                .configurator(new javax.websocket.server.ServerEndpointConfig.Configurator() {
                    @Override
                    public boolean checkOrigin(String origin) {
                        return !"http://refused.example".equals(origin);
                    }
                }).build());
        server.setHandler(ctx);
        server.start();
        System.out.println("javax-host listening on " + args[0]);
        server.join();
    }

    /** /ws/chat/{room}: echoes, "bye" closes with 1001 (going away). */
    @javax.websocket.server.ServerEndpoint("/ws/chat/{room}")
    public static class Chat {
        @javax.websocket.OnMessage
        public String message(javax.websocket.Session session, String text) throws IOException {
            if ("bye".equals(text)) {
                session.close(new javax.websocket.CloseReason(javax.websocket.CloseReason.CloseCodes.GOING_AWAY, "bye"));
                return null;
            }
            return text;
        }
    }

    /** /ws/echo: a programmatic endpoint that echoes text. */
    public static class Echo extends javax.websocket.Endpoint {
        @Override
        public void onOpen(javax.websocket.Session session, javax.websocket.EndpointConfig config) {
            session.addMessageHandler(new javax.websocket.MessageHandler.Whole<String>() {
                @Override
                public void onMessage(String text) {
                    session.getAsyncRemote().sendText(text);
                }
            });
        }
    }
}

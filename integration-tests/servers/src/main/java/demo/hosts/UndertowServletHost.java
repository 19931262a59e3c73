package demo.hosts;

import io.undertow.Undertow;
import io.undertow.servlet.Servlets;
import io.undertow.servlet.api.DeploymentInfo;
import io.undertow.servlet.api.DeploymentManager;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Undertow 2.3's servlet container with plain servlets mapped as web.xml would (see {@link HostArgs}). */
public final class UndertowServletHost {
    private static final ScheduledExecutorService LATER = Executors.newScheduledThreadPool(2);

    public static final class Tracks extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.setContentType("text/plain");
            resp.getWriter().write("track " + req.getPathInfo().substring(1));
        }
    }

    public static final class Sleep extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
            AsyncContext async = req.startAsync();
            LATER.schedule(() -> {
                try {
                    async.getResponse().getWriter().write("slept");
                } catch (IOException ignored) {
                    // the client left
                }
                async.complete();
            }, Long.parseLong(req.getPathInfo().substring(1)), TimeUnit.MILLISECONDS);
        }
    }

    public static final class Status extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
            resp.setStatus(Integer.parseInt(req.getPathInfo().substring(1)));
        }
    }

    public static final class Throw extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
            throw new IllegalStateException("boom");
        }
    }

    public static final class Stream extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            PrintWriter out = resp.getWriter();
            out.write("first\n");
            out.flush();
            try {
                Thread.sleep(Long.parseLong(req.getPathInfo().substring(1)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            out.write("last\n");
        }
    }

    public static void main(String[] args) throws Exception {
        int port = HostArgs.port(args);
        DeploymentInfo app = Servlets.deployment()
                .setClassLoader(UndertowServletHost.class.getClassLoader())
                .setContextPath("/")
                .setDeploymentName("host.war")
                .addServlets(
                        Servlets.servlet("tracks", Tracks.class).addMapping("/api/tracks/*"),
                        Servlets.servlet("sleep", Sleep.class).addMapping("/api/sleep/*").addMapping("/api/nap/*").setAsyncSupported(true),
                        Servlets.servlet("status", Status.class).addMapping("/api/status/*"),
                        Servlets.servlet("throw", Throw.class).addMapping("/api/throw"),
                        Servlets.servlet("stream", Stream.class).addMapping("/stream/*"));
        DeploymentManager manager = Servlets.defaultContainer().addDeployment(app);
        manager.deploy();
        Undertow.builder().addHttpListener(port, "127.0.0.1").setHandler(manager.start()).build().start();
        HostArgs.listening("undertow-servlet", port);
    }
}

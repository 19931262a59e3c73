package demo.streamserver;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The stream server's handlers. Plain servlets: the server knows nothing of any agent. */
final class Servlets {
    private Servlets() {
    }

    static void json(HttpServletResponse resp, int status, String body) throws IOException {
        resp.setStatus(status);
        resp.setContentType("application/json");
        resp.setCharacterEncoding("UTF-8");
        resp.getWriter().write(body);
    }

    static int intParam(HttpServletRequest req, String name, int def, int max) {
        String v = req.getParameter(name);
        if (v == null) return def;
        try {
            return Math.max(0, Math.min(max, Integer.parseInt(v)));
        } catch (NumberFormatException e) {
            return def;
        }
    }

    /**
     * GET /api/live?seconds=N: a live stream. The status line and headers go out at once (flushBuffer:
     * the listener starts playing), then 4 KB of audio every 100 ms for N seconds (default 5), the last chunk at the end.
     */
    static final class Live extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            int seconds = intParam(req, "seconds", 5, 3600);
            resp.setStatus(200);
            resp.setContentType("audio/wav");
            resp.flushBuffer();
            OutputStream out = resp.getOutputStream();
            byte[] chunk = new byte[4096];
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            try {
                while (System.nanoTime() - end < 0) {
                    out.write(chunk);
                    out.flush();
                    Thread.sleep(Math.max(1, Math.min(100, (end - System.nanoTime()) / 1_000_000)));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** GET /api/tracks: the catalogue from SQLite. */
    static final class Tracks extends HttpServlet {
        private final Catalog catalog;

        Tracks(Catalog catalog) {
            this.catalog = catalog;
        }

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            try {
                List<Catalog.Track> tracks = catalog.all();
                StringBuilder b = new StringBuilder("[");
                for (Catalog.Track t : tracks) {
                    if (b.length() > 1) b.append(',');
                    b.append("{\"id\":").append(t.id()).append(",\"title\":").append(Json.string(t.title()))
                            .append(",\"artist\":").append(Json.string(t.artist()))
                            .append(",\"duration_seconds\":").append(t.durationSeconds())
                            .append(",\"stream_url\":\"/stream/").append(t.id()).append("\"}");
                }
                String body = b.append(']').toString();
                // A small file cache, as a real server keeps rendered pages: it gives the cache directory life.
                Files.writeString(catalog.cacheDir().resolve("tracks.json"), body);
                json(resp, 200, body);
            } catch (SQLException e) {
                json(resp, 500, "{\"error\":\"catalogue unavailable\"}");
            }
        }
    }

    /** GET /stream/{id}: the track's audio, with single-range HTTP Range support. */
    static final class Stream extends HttpServlet {
        private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");
        private final Catalog catalog;

        Stream(Catalog catalog) {
            this.catalog = catalog;
        }

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            String info = req.getPathInfo();
            if (info == null || !info.matches("/\\d{1,9}")) {
                json(resp, 404, "{\"error\":\"no such track\"}");
                return;
            }
            Optional<Catalog.Track> track;
            try {
                track = catalog.byId(Integer.parseInt(info.substring(1)));
            } catch (SQLException e) {
                json(resp, 500, "{\"error\":\"catalogue unavailable\"}");
                return;
            }
            if (track.isEmpty()) {
                json(resp, 404, "{\"error\":\"no such track\"}");
                return;
            }
            Path file = catalog.audioDir().resolve(track.get().file());
            long size = Files.size(file);
            long start = 0;
            long end = size - 1;
            resp.setHeader("Accept-Ranges", "bytes");
            resp.setContentType("audio/wav");
            String range = req.getHeader("Range");
            if (range != null) {
                Matcher m = RANGE.matcher(range.trim());
                boolean ok = m.matches() && !(m.group(1).isEmpty() && m.group(2).isEmpty());
                if (ok) {
                    if (m.group(1).isEmpty()) { // suffix range: the last N bytes
                        start = Math.max(0, size - Long.parseLong(m.group(2)));
                    } else {
                        start = Long.parseLong(m.group(1));
                        if (!m.group(2).isEmpty()) end = Math.min(end, Long.parseLong(m.group(2)));
                    }
                    ok = start <= end && start < size;
                }
                if (!ok) {
                    resp.setHeader("Content-Range", "bytes */" + size);
                    resp.setStatus(416);
                    return;
                }
                resp.setStatus(206);
                resp.setHeader("Content-Range", "bytes " + start + "-" + end + "/" + size);
            }
            long length = end - start + 1;
            resp.setContentLengthLong(length);
            try (InputStream in = Files.newInputStream(file); OutputStream out = resp.getOutputStream()) {
                in.skipNBytes(start);
                byte[] buf = new byte[16 * 1024];
                long left = length;
                while (left > 0) {
                    int n = in.read(buf, 0, (int) Math.min(buf.length, left));
                    if (n < 0) break;
                    out.write(buf, 0, n);
                    left -= n;
                }
            }
        }
    }

    /** GET /api/slow?ms=N: answers after N milliseconds (at most a minute). */
    static final class Slow extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            int ms = intParam(req, "ms", 100, 60_000);
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            json(resp, 200, "{\"slept_ms\":" + ms + ",\"virtual_thread\":" + isVirtual(Thread.currentThread()) + "}");
        }
    }

    /** GET /api/fail: an injected server error (500). */
    static final class Fail extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            json(resp, 500, "{\"error\":\"injected failure\"}");
        }
    }

    /** GET /api/crash: an exception escapes the handler; the container answers 500. */
    /**
     * A handler that runs the host out of heap: fills it until OutOfMemoryError, holds it full for {@code ms}
     * milliseconds (every thread that allocates meanwhile meets OutOfMemoryError), then lets it all go and
     * answers 500. For the agent's fault tests; never called by the simulator.
     */
    static final class OutOfMemory extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            long ms = Long.parseLong(Optional.ofNullable(req.getParameter("ms")).orElse("1000"));
            List<Object> hog = new java.util.ArrayList<>();
            int chunk = 1 << 20;
            while (chunk > 64) {
                try {
                    hog.add(new byte[chunk]);
                } catch (OutOfMemoryError full) {
                    chunk /= 4; // fill the rest with smaller pieces
                }
            }
            long end = System.nanoTime() + ms * 1_000_000L;
            while (System.nanoTime() - end < 0) {
                try {
                    hog.add(new byte[64]); // keep it full as others free what they can
                } catch (OutOfMemoryError stillFull) {
                    Thread.onSpinWait();
                }
            }
            hog.clear();
            hog = null;
            resp.setStatus(500);
            resp.getWriter().write("{\"error\":\"out of memory, released\"}");
        }
    }

    static final class Crash extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws ServletException {
            throw new InjectedCrash();
        }
    }

    /**
     * Jetty logs a QuietException in one line instead of a 25-line stack trace, so that the demo's console
     * stays readable while the simulated listeners hit /api/crash.
     */
    static final class InjectedCrash extends IllegalStateException implements org.eclipse.jetty.io.QuietException {
        InjectedCrash() {
            super("injected crash");
        }
    }

    /**
     * GET /api/async2?ms=N: two async cycles. The first dispatches back to the servlet after N ms; the
     * re-dispatch starts a second async cycle that completes after N ms more (about 2N in all).
     */
    static final class AsyncTwice extends HttpServlet {
        private final ScheduledExecutorService timer;

        AsyncTwice(ScheduledExecutorService timer) {
            this.timer = timer;
        }

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
            int ms = intParam(req, "ms", 100, 60_000);
            AsyncContext ctx = req.startAsync();
            ctx.setTimeout(120_000);
            if (req.getDispatcherType() == DispatcherType.ASYNC) {
                timer.schedule(() -> {
                    try {
                        json((HttpServletResponse) ctx.getResponse(), 200, "{\"async_cycles\":2}");
                    } catch (IOException ignored) {
                        // client went away
                    } finally {
                        ctx.complete();
                    }
                }, ms, TimeUnit.MILLISECONDS);
            } else {
                timer.schedule(() -> ctx.dispatch(), ms, TimeUnit.MILLISECONDS);
            }
        }
    }

    /** GET /api/timeout?ms=N: an async request nobody completes; the container times it out after N ms (500). */
    static final class AsyncTimeout extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
            int ms = intParam(req, "ms", 100, 60_000);
            req.startAsync().setTimeout(ms);
        }
    }

    /** GET /api/async?ms=N: an async servlet that completes on another thread after N milliseconds. */
    static final class Async extends HttpServlet {
        private final ScheduledExecutorService timer;

        Async(ScheduledExecutorService timer) {
            this.timer = timer;
        }

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
            int ms = intParam(req, "ms", 100, 60_000);
            AsyncContext ctx = req.startAsync();
            ctx.setTimeout(120_000);
            timer.schedule(() -> {
                try {
                    json((HttpServletResponse) ctx.getResponse(), 200, "{\"async_ms\":" + ms + "}");
                } catch (IOException ignored) {
                    // client went away
                } finally {
                    ctx.complete();
                }
            }, ms, TimeUnit.MILLISECONDS);
        }
    }

    /** GET /api/latest: forwards to /api/tracks (a nested dispatch). */
    static final class Latest extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
            req.getRequestDispatcher("/api/tracks").forward(req, resp);
        }
    }

    /** GET /api/ping: the smallest route, for load tests. */
    static final class Ping extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.setContentType("text/plain");
            resp.getWriter().write("pong");
        }
    }

    /** Adds a Server header to every answer: a filter in front of every servlet. */
    static final class ServerHeader implements Filter {
        @Override
        public void doFilter(ServletRequest req, ServletResponse resp, FilterChain chain)
                throws IOException, ServletException {
            ((HttpServletResponse) resp).setHeader("X-Served-By", "stream-server");
            chain.doFilter(req, resp);
        }
    }

    /** Thread.isVirtual(), looked up: the server compiles at release 17. */
    static boolean isVirtual(Thread t) {
        try {
            return (Boolean) Thread.class.getMethod("isVirtual").invoke(t);
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }
}

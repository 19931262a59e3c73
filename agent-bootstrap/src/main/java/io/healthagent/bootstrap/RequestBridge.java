package io.healthagent.bootstrap;

/**
 * The only code that instrumented HTTP handlers call. Advice is inlined into host classes, so it can
 * reach nothing but the bootstrap class path and the host's own types; this class is that meeting point.
 *
 * <p>The events: {@link #enter} (request start, outermost call only), {@link #offerRoute} and
 * {@link #offerTemplate} (the route is known: the request is in flight on it), {@link #committed} (status
 * line and headers sent), {@link #exit} then {@link #end} (request end with its status, an escaped
 * exception counted as 500). A synchronous request carries its state in the thread's
 * {@link CallDepth.Frame}; a request that ends on another thread (async servlets) takes a
 * {@link RequestContext}, which ends exactly once.
 *
 * <p>Event-loop and exchange servers (Netty, Undertow) start a {@link RequestContext} themselves
 * ({@link #startOnPath}) and {@link #bind} it to the thread while a callback of theirs runs, so that what
 * runs inside (a servlet, Spring's handler mapping, Vert.x Web's router) offers its route and commit to
 * that request instead of starting one of its own. Nothing here locks, and a synchronous request allocates
 * nothing.
 *
 * <p>Routes get more precise as handlers learn them: {@link #PATH} (derived from the raw path, for servers
 * without templates), {@link #MAPPING} (the server's own mapping: a servlet's pattern, an HttpContext's
 * path) and {@link #TEMPLATE} (the framework's template: Spring's best-matching pattern, a Vert.x Web route).
 * A more precise offer replaces the route; at the same level the first offer stays, except templates, where
 * the last handler's wins (Vert.x runs a path-less route first, then the one that answers).
 */
public final class RequestBridge {
    /**
     * Returned by {@link #enter()} for a nested call, and used by advice to mean "do not record". It is 0
     * because an entry advice that failed (its exception is suppressed) hands 0 to the exit advice.
     */
    public static final long NOT_RECORDED = 0L;

    /** Route precision: derived from the raw path ({@code routes=} patterns, else the first segment). */
    public static final int PATH = 1;
    /** Route precision: the server's own mapping (servlet pattern, HttpContext path). */
    public static final int MAPPING = 2;
    /** Route precision: the application framework's template ({@code /api/tracks/{id}}). */
    public static final int TEMPLATE = 3;

    private static volatile RequestSink sink;

    private RequestBridge() {
    }

    public static void install(RequestSink newSink) {
        sink = newSink;
    }

    /** Entry of an instrumented handler: start time if this is the outermost call, else NOT_RECORDED. */
    public static long enter() {
        return enter(true);
    }

    /**
     * Entry of an instrumented handler. {@code isRequest} false (an async re-dispatch, an error-page
     * dispatch) still counts for nesting, but starts nothing: that request is being measured already.
     *
     * @return the start time if this is the outermost call of a request, else NOT_RECORDED
     */
    public static long enter(boolean isRequest) {
        CallDepth.Frame f = CallDepth.HTTP.frame();
        if (f.depth++ != 0 || !isRequest || f.current != null) {
            return NOT_RECORDED; // nested, a re-dispatch, or inside a request the server itself measures
        }
        f.route = null;
        f.routeLevel = 0;
        f.method = HttpMethods.OTHER;
        f.recording = true;
        f.committedNanos = 0;
        long now = System.nanoTime();
        return now == NOT_RECORDED ? 1L : now;
    }

    /** Exit of an instrumented handler: true when this call is the outermost one of a request. */
    public static boolean exit(long start) {
        CallDepth.HTTP.decrement();
        return start != NOT_RECORDED;
    }

    /**
     * The method of the synchronous request this thread is measuring ({@code GET}, as the request line has
     * it); a request that never offers one counts under {@code other}.
     */
    public static void offerMethod(String method) {
        CallDepth.Frame f = CallDepth.HTTP.frame();
        if (f.recording && f.current == null) {
            f.method = HttpMethods.code(method);
        }
    }

    /** The response of the request running on this thread was committed (first call wins). */
    public static void committed() {
        CallDepth.Frame f = CallDepth.HTTP.frame();
        if (f.current != null) {
            f.current.committed();
        } else if (f.recording && f.committedNanos == 0) {
            f.committedNanos = System.nanoTime();
        }
    }

    /**
     * True when the request running on this thread has no route as precise as a server mapping yet: advice
     * asks before it pays for reading one from the container.
     */
    public static boolean needsRoute() {
        CallDepth.Frame f = CallDepth.HTTP.frame();
        RequestContext c = f.current;
        if (c != null) {
            return c.routeLevel() < MAPPING;
        }
        return f.recording && f.routeLevel < MAPPING;
    }

    /**
     * The server's own mapping of the request running on this thread (a servlet's pattern, an
     * HttpContext's path), as soon as a handler knows it. From then on the request counts as in flight on
     * that route, until it ends.
     */
    public static void offerRoute(String route) {
        offer(route, MAPPING);
    }

    /**
     * The path of the synchronous request this thread measures, for a server whose own routing names it only
     * when a route matches (Helidon): until then, the route {@code routes=} or the first segment gives.
     */
    public static void offerPath(String path) {
        offer(routeForPath(path), PATH);
    }

    /** Whether a request is running on this thread, so that a framework's template would be taken. */
    public static boolean inRequest() {
        CallDepth.Frame f = CallDepth.HTTP.frame();
        return f.current != null || f.recording;
    }

    /** The application framework's template for the request running on this thread ({@code /api/tracks/{id}}). */
    public static void offerTemplate(String template) {
        offer(template, TEMPLATE);
    }

    /** Offers {@code route} at precision {@code level} to the request running on this thread, if any. */
    static void offer(String route, int level) {
        if (route == null) {
            return;
        }
        CallDepth.Frame f = CallDepth.HTTP.frame();
        RequestContext c = f.current;
        if (c != null) {
            c.offer(route, level);
            return;
        }
        if (!f.recording || !replaces(level, f.routeLevel)) {
            return;
        }
        // Nothing to announce: the frame itself says the request is in flight on this route.
        f.route = route;
        f.routeLevel = level;
    }

    /**
     * Calls {@code action} with the route of each request in flight now that was never announced, found
     * where it lives: a synchronous one on its thread (one per thread inside one that knows its route), an
     * event-loop one in its connection's queue. What a snapshot counts as in flight, beside the requests
     * announced by {@link RequestSink#routeStarted}.
     */
    public static void forEachRequestInPlace(java.util.function.Consumer<String> action) {
        CallDepth.HTTP.forEachFrame(f -> {
            String route = f.route;
            if (f.recording && route != null) {
                action.accept(route);
            }
        });
        PendingRequests.forEachWaiting(action);
    }

    /** Whether an offer at {@code level} replaces a route known at {@code current} (see the class comment). */
    static boolean replaces(int level, int current) {
        return level > current || (level == current && level == TEMPLATE);
    }

    /** The request left route {@code from} (null: it had none) for {@code to}. */
    static void moved(String from, String to) {
        RequestSink s = sink;
        if (s == null) {
            return;
        }
        try {
            if (from == null) {
                s.routeStarted(to);
            } else {
                s.routeChanged(from, to);
            }
        } catch (Throwable t) {
            AgentErrors.record("bridge.request-start", t);
        }
    }

    /**
     * A request of a server without templates (Netty, Undertow's handlers) starts now: its route, until a
     * handler offers a better one, is what the operator's {@code routes=} patterns or the first segment of
     * {@code path} give.
     */
    public static RequestContext startOnPath(String path, String method) {
        return startOnPath(path, method, true, null);
    }

    /** {@link #startOnPath}, for a request a snapshot will find in its connection's queue: counted nowhere. */
    static RequestContext startQueued(String path, String method, RequestContext reused) {
        return startOnPath(path, method, false, reused);
    }

    /** @param reused an ended queued context to start again ({@link RequestContext#restartQueued}), or null */
    private static RequestContext startOnPath(String path, String method, boolean counted, RequestContext reused) {
        long now = System.nanoTime();
        long start = now == NOT_RECORDED ? 1L : now;
        int methodCode = HttpMethods.code(method);
        RequestContext c;
        if (reused != null) {
            reused.restartQueued(start, methodCode);
            c = reused;
        } else {
            c = new RequestContext(start, methodCode, null, 0, 0, counted);
        }
        String route = routeForPath(path);
        if (route != null) {
            c.offer(route, PATH);
        }
        return c;
    }


    /** The route a server without templates gives {@code path} (what {@link #startOnPath} uses), or null. */
    public static String routeForPath(String path) {
        RequestSink s = sink;
        if (s == null || path == null) {
            return null;
        }
        try {
            return s.routeForPath(path);
        } catch (Throwable t) {
            AgentErrors.record("bridge.request-start", t);
            return null;
        }
    }

    /** The request whose callback this thread runs now (null: none); returns the one bound before. */
    public static RequestContext bind(RequestContext context) {
        CallDepth.Frame f = CallDepth.HTTP.frame();
        RequestContext previous = f.current;
        f.current = context;
        return previous;
    }

    /** The route of the request running on this thread (its own or the one bound to it), or null. */
    public static String currentRoute() {
        CallDepth.Frame f = CallDepth.HTTP.frame();
        return f.current != null ? f.current.route() : f.recording ? f.route : null;
    }

    /** The request whose callback this thread is running, or null. */
    public static RequestContext current() {
        return CallDepth.HTTP.frame().current;
    }

    /** End of a synchronous request, on the thread that started it, on the route it was offered. */
    public static void end(long start, int status) {
        if (start == NOT_RECORDED) {
            return;
        }
        long now = System.nanoTime();
        CallDepth.Frame f = CallDepth.HTTP.frame();
        long committed = f.committedNanos;
        String route = f.route;
        f.committedNanos = 0;
        f.recording = false;
        f.route = null;
        f.routeLevel = 0;
        deliver(route, f.method, start, committed, now, status, false);
    }

    /**
     * A request that will end on another thread: the returned context carries it (its route and, if
     * it happened already, its commit), and its {@link RequestContext#end(int)} records it once,
     * whichever callback gets there first.
     */
    public static RequestContext detach(long start) {
        CallDepth.Frame f = CallDepth.HTTP.frame();
        RequestContext c = new RequestContext(start, f.method, f.route, f.routeLevel, f.committedNanos, true);
        if (f.route != null) {
            moved(null, f.route); // from the frame's count to the shared one, until the context ends
        }
        f.committedNanos = 0;
        f.recording = false;
        f.route = null;
        f.routeLevel = 0;
        return c;
    }

    static void deliver(String route, int method, long start, long committed, long end, int status,
                        boolean inFlightCounted) {
        RequestSink s = sink;
        if (s == null) {
            return;
        }
        try {
            s.requestEnded(route, method, start, committed, end, status, inFlightCounted);
        } catch (Throwable t) {
            AgentErrors.record("bridge.request-end", t);
        }
    }
}

package io.healthagent.bootstrap;

/**
 * The only code that instrumented HTTP handlers call. Advice is inlined into host classes, so it can
 * reach nothing but the bootstrap class path and the host's own types; this class is that meeting point.
 *
 * <p>The events: {@link #enter} (request start, outermost call only), {@link #offerRoute} (the route is
 * known: the request is in flight on it), {@link #committed} (status line and headers sent), {@link #exit}
 * then {@link #end} (request end with its status, an escaped exception counted as 500). A synchronous request carries its state in the thread's {@link CallDepth.Frame}; a
 * request that ends on another thread (async servlets, event loops) takes a {@link RequestContext},
 * which ends exactly once. Nothing here locks, and a synchronous request allocates nothing.
 */
public final class RequestBridge {
    /**
     * Returned by {@link #enter()} for a nested call, and used by advice to mean "do not record". It is 0
     * because an entry advice that failed (its exception is suppressed) hands 0 to the exit advice.
     */
    public static final long NOT_RECORDED = 0L;

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
        if (f.depth++ != 0 || !isRequest) {
            return NOT_RECORDED;
        }
        f.route = null;
        f.committedNanos = 0;
        long now = System.nanoTime();
        return now == NOT_RECORDED ? 1L : now;
    }

    /** Exit of an instrumented handler: true when this call is the outermost one of a request. */
    public static boolean exit(long start) {
        CallDepth.HTTP.decrement();
        return start != NOT_RECORDED;
    }

    /** The response of the request running on this thread was committed (first call wins). */
    public static void committed() {
        CallDepth.Frame f = CallDepth.HTTP.frame();
        if (f.depth > 0 && f.committedNanos == 0) {
            f.committedNanos = System.nanoTime();
        }
    }

    /**
     * The route of the request running on this thread, as soon as a handler knows it (the first offer
     * wins). From then on the request counts as in flight on that route, until it ends.
     */
    public static void offerRoute(String route) {
        CallDepth.Frame f = CallDepth.HTTP.frame();
        if (f.route != null || route == null || f.depth == 0) {
            return;
        }
        f.route = route;
        RequestSink s = sink;
        if (s != null) {
            try {
                s.routeStarted(route);
            } catch (Throwable t) {
                AgentErrors.record("bridge.request-start", t);
            }
        }
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
        f.route = null;
        deliver(route, start, committed, now, status);
    }

    /**
     * A request that will end on another thread: the returned context carries it (its route and, if
     * it happened already, its commit), and its {@link RequestContext#end(int)} records it once,
     * whichever callback gets there first.
     */
    public static RequestContext detach(long start) {
        CallDepth.Frame f = CallDepth.HTTP.frame();
        RequestContext c = new RequestContext(start, f.route, f.committedNanos);
        f.committedNanos = 0;
        f.route = null;
        return c;
    }

    static void deliver(String route, long start, long committed, long end, int status) {
        RequestSink s = sink;
        if (s == null) {
            return;
        }
        try {
            s.requestEnded(route, start, committed, end, status);
        } catch (Throwable t) {
            AgentErrors.record("bridge.request-end", t);
        }
    }
}

package io.healthagent.bootstrap;

/**
 * A nesting guard for one instrumentation family. A filter chain, a forward or a servlet calling
 * super.service() all re-enter instrumented methods on the same thread; only the outermost call of a
 * family is an event. Each family has its own guard, so that a WebSocket callback that runs inside an
 * HTTP upgrade request is not swallowed by the HTTP guard.
 *
 * <p>The per-thread {@link Frame} is allocated once, when a thread first enters the family (server
 * threads are pooled), never per request. It also carries what a synchronous request needs between its
 * entry and its exit (route, commit time), so such a request needs no context object at all, and no
 * shared counter either: the requests in flight are counted by looking at the frames
 * ({@link #forEachFrame}), when a snapshot asks, not by every request as it starts and ends.
 */
public final class CallDepth {
    /** Requests: servlets, filters, the JDK HttpServer, and the requests event-loop and exchange servers bind. */
    public static final CallDepth HTTP = new CallDepth();
    /** WebSocket endpoint callbacks. */
    public static final CallDepth WEBSOCKET = new CallDepth();

    /** What one thread knows about the call it is in. Only that thread reads or writes it. */
    public static final class Frame {
        int depth;
        /** A synchronous request (servlet, JDK server) is being measured on this thread. */
        boolean recording;
        /** Its route, as precise as known so far ({@link RequestBridge#PATH} .. {@link RequestBridge#TEMPLATE}). */
        String route;
        int routeLevel;
        /** Its method ({@link HttpMethods} code). */
        int method;
        /** nanoTime when the response was committed (status line and headers sent); 0 = not yet. */
        long committedNanos;
        /**
         * The request of an event-loop or exchange server (Netty, Undertow) whose callback this thread is
         * running: route offers and commits made meanwhile are its own.
         */
        RequestContext current;

        Frame() {
        }
    }

    private final ThreadLocal<Frame> frames = new ThreadLocal<Frame>() {
        @Override
        protected Frame initialValue() {
            Frame f = new Frame();
            registry.add(new java.lang.ref.WeakReference<>(f));
            return f;
        }
    };

    /** Every thread's frame, weakly: a frame goes with its thread. Grows by one per thread that ever entered. */
    private final java.util.concurrent.ConcurrentLinkedQueue<java.lang.ref.WeakReference<Frame>> registry =
            new java.util.concurrent.ConcurrentLinkedQueue<>();

    /**
     * Calls {@code action} with each live thread's frame (forgetting those whose thread is gone). The
     * frames' fields are read as they are at that moment, without synchronisation: a gauge's reading.
     */
    void forEachFrame(java.util.function.Consumer<Frame> action) {
        for (java.util.Iterator<java.lang.ref.WeakReference<Frame>> it = registry.iterator(); it.hasNext(); ) {
            Frame f = it.next().get();
            if (f == null) {
                it.remove();
            } else {
                action.accept(f);
            }
        }
    }

    private CallDepth() {
    }

    public Frame frame() {
        return frames.get();
    }

    /** Increments this thread's depth and returns the depth before the call (0 = outermost). */
    public int increment() {
        Frame f = frames.get();
        return f.depth++;
    }

    /** Decrements this thread's depth and returns the depth after the call (0 = outermost). */
    public int decrement() {
        Frame f = frames.get();
        int d = --f.depth;
        if (d < 0) { // an unbalanced exit must not poison the thread for later requests
            f.depth = 0;
            d = 0;
        }
        return d;
    }
}

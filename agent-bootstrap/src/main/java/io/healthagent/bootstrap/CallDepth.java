package io.healthagent.bootstrap;

/**
 * Per-thread nesting depth of instrumented handler calls. A filter chain, a forward or a servlet
 * calling super.service() all re-enter instrumented methods on the same thread; only the outermost
 * call is a request.
 *
 * <p>The holder is a one-element int array per thread, allocated once when a thread first serves a
 * request (server threads are pooled), never per request.
 */
public final class CallDepth {
    private static final ThreadLocal<int[]> DEPTH = new ThreadLocal<int[]>() {
        @Override
        protected int[] initialValue() {
            return new int[1];
        }
    };

    private CallDepth() {
    }

    /** Increments this thread's depth and returns the depth before the call (0 = outermost). */
    public static int increment() {
        int[] depth = DEPTH.get();
        return depth[0]++;
    }

    /** Decrements this thread's depth and returns the depth after the call (0 = outermost). */
    public static int decrement() {
        int[] depth = DEPTH.get();
        int d = --depth[0];
        if (d < 0) { // an unbalanced exit must not poison the thread for later requests
            depth[0] = 0;
            d = 0;
        }
        return d;
    }
}

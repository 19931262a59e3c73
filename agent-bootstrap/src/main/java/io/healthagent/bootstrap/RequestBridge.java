package io.healthagent.bootstrap;

import java.lang.reflect.Proxy;

/**
 * The only code that instrumented host methods call. Advice is inlined into host classes, so it can
 * reach nothing but the bootstrap class path and the host's own types; this class is that meeting point.
 *
 * <p>Usage from advice: {@code long start = enter();} on entry, and on exit
 * {@code if (exit(start)) record(start, route, status);}. Nothing here allocates or locks.
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
        if (CallDepth.increment() != 0) {
            return NOT_RECORDED;
        }
        long now = System.nanoTime();
        return now == NOT_RECORDED ? 1L : now;
    }

    /** Exit of an instrumented handler: true when this call should be recorded now. */
    public static boolean exit(long start) {
        CallDepth.decrement();
        return start != NOT_RECORDED;
    }

    public static void record(long start, String route, int status) {
        RequestSink s = sink;
        if (s == null || start == NOT_RECORDED) {
            return;
        }
        try {
            s.record(route, System.nanoTime() - start, status);
        } catch (Throwable t) {
            // Never throw into host code; the sink logs its own failures.
        }
    }

    /**
     * For async servlets: a listener (a proxy of the host's {@code AsyncListener} interface, so that no
     * agent class needs to be injected into the host's class loader) that records the request when the
     * async cycle completes.
     *
     * @param listenerType  jakarta.servlet.AsyncListener or javax.servlet.AsyncListener
     * @param responseType  the matching HttpServletResponse interface, whose getStatus() is read at completion
     */
    public static Object asyncListener(Class<?> listenerType, Class<?> responseType, Object response,
                                       long start, String route) {
        return Proxy.newProxyInstance(listenerType.getClassLoader(), new Class<?>[] {listenerType},
                new AsyncCompletion(responseType, response, start, route));
    }
}

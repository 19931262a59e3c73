package io.healthagent.bootstrap;

/**
 * Receives the HTTP request events of every instrumentation module. Implemented inside the agent (in
 * its isolated class loader) and installed into {@link RequestBridge}; only this interface has to be
 * visible to host code. Implementations must not block, lock or allocate per event.
 */
public interface RequestSink {
    /** A request has started (its outermost handler was entered). */
    void requestStarted();

    /**
     * A request has ended, exactly once per started request.
     *
     * @param route           the template the application declared (servlet mapping, HttpContext path);
     *                        never a raw URI. May be null (counted as "other").
     * @param startNanos      System.nanoTime() at the entry of the outermost handler
     * @param committedNanos  nanoTime when the status line and headers were sent, or 0 when no module saw it
     *                        (then the response was committed at the end)
     * @param endNanos        nanoTime at the end of the request
     * @param status          HTTP status; 500 when an exception escaped the handler; 0 when unknown
     */
    void requestEnded(String route, long startNanos, long committedNanos, long endNanos, int status);
}

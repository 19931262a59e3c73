package io.healthagent.bootstrap;

/**
 * Receives the HTTP request events of every instrumentation module. Implemented inside the agent (in
 * its isolated class loader) and installed into {@link RequestBridge}; only this interface has to be
 * visible to host code. Implementations must not block, lock or allocate per event.
 */
public interface RequestSink {
    /**
     * The route of a request that lives on more than one thread (a {@link RequestContext}: async servlets,
     * exchange servers) became known: from now until {@link #requestEnded} with {@code inFlightCounted}, it
     * is in flight there. Synchronous requests and those waiting in an event loop's connection queue are not
     * announced: a snapshot finds them where they are ({@link RequestBridge#forEachRequestInPlace}), at no
     * cost per request.
     */
    void routeStarted(String route);

    /** A request in flight on {@code from} turned out to be on the more precise {@code to}. */
    void routeChanged(String from, String to);

    /**
     * The route of a request on a server that has no templates (Netty, Undertow's handlers): the first of
     * the operator's {@code routes=} patterns that {@code path} matches, else its first segment; never
     * more than a bounded number of distinct routes. Must not allocate once a route is known.
     */
    String routeForPath(String path);

    /**
     * A request has ended, exactly once per started request.
     *
     * @param route           the template the application declared (servlet mapping, HttpContext path),
     *                        never a raw URI; null when no handler knew it (counted as "other", and never
     *                        was in flight)
     * @param method          its method, an {@link HttpMethods} code ({@link HttpMethods#OTHER} when unknown)
     * @param startNanos      System.nanoTime() at the entry of the outermost handler
     * @param committedNanos  nanoTime when the status line and headers were sent, or 0 when no module saw it
     *                        (then the response was committed at the end)
     * @param endNanos        nanoTime at the end of the request
     * @param status          HTTP status; 500 when an exception escaped the handler; 0 when unknown
     * @param inFlightCounted whether the request was announced by {@link #routeStarted} and now leaves its
     *                        route's in-flight count; false for one that was found in place
     */
    void requestEnded(String route, int method, long startNanos, long committedNanos, long endNanos, int status,
                      boolean inFlightCounted);
}

package io.healthagent.bootstrap;

/**
 * Receives one finished request. Implemented inside the agent (in its isolated class loader) and
 * installed into {@link RequestBridge}; only this interface has to be visible to host code.
 */
public interface RequestSink {
    /**
     * @param route          servlet mapping or HttpContext path; never a raw URI. May be null.
     * @param durationNanos  from entry of the outermost handler call to the end of the request
     * @param status         HTTP status; 500 when an exception escaped the handler; 0 when unknown
     */
    void record(String route, long durationNanos, int status);
}

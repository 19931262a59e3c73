package io.healthagent.bootstrap;

/**
 * Receives the WebSocket events of every instrumentation module. Implemented inside the agent and
 * installed into {@link WebSocketBridge}. An endpoint is represented by the opaque handle
 * {@link #endpoint} returns (the agent's counters for that path template), so that a message costs a
 * field read and two increments, never a lookup. Implementations must not block, lock or allocate per
 * message.
 */
public interface WebSocketSink {
    /** The handle of the endpoint with this path template (bounded: past the limit, the "other" handle). */
    Object endpoint(String template);

    void opened(Object endpoint);

    /** A data frame of {@code bytes} payload bytes; {@code fin}: the last frame of a message. */
    void message(Object endpoint, boolean inbound, boolean fin, long bytes);

    void error(Object endpoint);

    /** @param code the close code (1000 normal, 1001 going away, 1006 abnormal, 1011 server error, ...) */
    void closed(Object endpoint, int code, long sessionNanos);

    /** An upgrade request for this endpoint did not become a WebSocket session. */
    void refused(String template);
}

package io.healthagent.bootstrap;

/**
 * Receives WebSocket lifecycle events from the WebSocket instrumentation modules. Implemented inside
 * the agent and installed into {@link WebSocketBridge}. Implementations must not block or lock.
 *
 * <p>{@code endpoint} is the path template the application declared (e.g. {@code /live/{channel}}),
 * never a raw URI.
 */
public interface WebSocketSink {
    void opened(String endpoint);

    /** @param inbound true for a message the server received, false for one it sent */
    void message(String endpoint, boolean inbound, long bytes);

    void error(String endpoint);

    /** @param code the close code (1000 normal, 1001 going away, 1006 abnormal, ...) */
    void closed(String endpoint, int code, long sessionNanos);
}

package io.healthagent.bootstrap;

/**
 * The {@link WebSocketSession} of each server-side connection, keyed by the container's own connection
 * object, in a {@link WeakIdentityTable}: one lock-free read per frame, a locked write per open and close.
 */
public final class WebSocketSessions {
    private static final WeakIdentityTable<WebSocketSession> TABLE = new WeakIdentityTable<>();

    private WebSocketSessions() {
    }

    /** The session of this connection, or null (not a connection the agent counts). */
    public static WebSocketSession get(Object connection) {
        return TABLE.get(connection);
    }

    public static void put(Object connection, WebSocketSession session) {
        TABLE.put(connection, session);
    }

    public static void remove(Object connection) {
        TABLE.remove(connection);
    }

    // What advice calls, one line each: find the connection's session and pass the event on.

    /** A connection whose session starts open, for a container with no upgrade step to hook. */
    public static void openNew(Object connection, String template) {
        WebSocketSession s = WebSocketBridge.newSession(template);
        if (s != null) {
            put(connection, s);
            s.opened();
        }
    }

    /** The connection opened (its handshake is done). */
    public static void opened(Object connection) {
        WebSocketSession s = get(connection);
        if (s != null) s.opened();
    }

    /**
     * A frame read ({@code inbound}) or sent. Only data frames count ({@code data}: text, binary or
     * continuation; RFC 6455 gives control frames opcodes 8 and up); a message on its final frame.
     */
    public static void frame(Object connection, boolean inbound, boolean data, boolean fin, long payloadBytes) {
        if (!data) return;
        WebSocketSession s = get(connection);
        if (s != null) s.frame(inbound, fin, payloadBytes);
    }

    public static void error(Object connection) {
        WebSocketSession s = get(connection);
        if (s != null) s.error();
    }

    /** The connection closed with this code; its entry goes. */
    public static void closed(Object connection, int code) {
        WebSocketSession s = get(connection);
        if (s != null) {
            s.closed(code);
            remove(connection);
        }
    }

    /** Live entries; for tests. */
    static int size() {
        return TABLE.size();
    }
}

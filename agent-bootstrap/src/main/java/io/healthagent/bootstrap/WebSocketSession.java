package io.healthagent.bootstrap;

import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * One server-side WebSocket connection, found from the container's own connection object through
 * {@link WebSocketSessions}. With its table entry, it is what a connection allocates; its events cost a
 * table read each. It opens once and closes once (compare-and-set), whichever of the container's
 * paths gets there: a session that never opened is not counted as closed.
 */
public final class WebSocketSession {
    private static final AtomicIntegerFieldUpdater<WebSocketSession> STATE =
            AtomicIntegerFieldUpdater.newUpdater(WebSocketSession.class, "state");
    private static final int CREATED = 0;
    private static final int OPEN = 1;
    private static final int CLOSED = 2;

    /** The sink's handle for this connection's endpoint. */
    final Object endpoint;
    private volatile int state;
    /** Volatile: written by the thread that opens, read by the one that closes. */
    private volatile long openedNanos;

    WebSocketSession(Object endpoint) {
        this.endpoint = endpoint;
    }

    /** The handshake is done and the application's open callback ran (or is about to). */
    public void opened() {
        if (state != CREATED) {
            return;
        }
        openedNanos = System.nanoTime(); // before the state says open, so that a close always sees it
        if (STATE.compareAndSet(this, CREATED, OPEN)) {
            WebSocketBridge.opened(endpoint);
        }
    }

    /**
     * A data frame in or out. A message is counted on its final frame ({@code fin}); bytes are payload
     * bytes, every frame's.
     */
    public void frame(boolean inbound, boolean fin, long payloadBytes) {
        if (state == OPEN) {
            WebSocketBridge.message(endpoint, inbound, fin, payloadBytes);
        }
    }

    public void error() {
        WebSocketBridge.error(endpoint);
    }

    public void closed(int code) {
        if (STATE.compareAndSet(this, OPEN, CLOSED)) {
            WebSocketBridge.closed(endpoint, code, System.nanoTime() - openedNanos);
        } else {
            STATE.compareAndSet(this, CREATED, CLOSED);
        }
    }

    public boolean isOpen() {
        return state == OPEN;
    }
}

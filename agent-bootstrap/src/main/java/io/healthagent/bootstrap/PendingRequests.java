package io.healthagent.bootstrap;

import java.util.function.Consumer;

/**
 * The requests of one HTTP/1.1 connection of an event-loop server (Netty and what runs on it) that have
 * started and wait for their responses, oldest first: HTTP/1.1 answers pipelined requests in order, so
 * a response belongs to the oldest request still waiting.
 *
 * <p>A connection's decoder and encoder both run on its event loop, so a queue is only ever touched by
 * one thread at a time and needs no lock. Each connection's queue is found in a {@link WeakIdentityTable}
 * (a lock-free read per event; a locked write once per connection).
 */
public final class PendingRequests {
    private static final WeakIdentityTable<PendingRequests> CONNECTIONS = new WeakIdentityTable<>();

    private RequestContext head;
    private RequestContext tail;
    /**
     * The connection's last ended request, which its next request starts in again instead of allocating:
     * once off the queue and ended, nothing but this field and the thread's binding holds it (the
     * binding is checked before reuse), so a kept-alive connection allocates one context for its life.
     */
    private RequestContext spare;

    private PendingRequests() {
    }

    /**
     * A request head was decoded on {@code connection}: it starts now, on the route its path gives, and is
     * bound to this thread for the handlers it reaches (one look-up of the thread's frame for both).
     */
    public static void startBound(Object connection, String path, String method) {
        CallDepth.Frame f = CallDepth.HTTP.frame();
        f.current = start(connection, path, method, f.current);
    }

    /** {@link #startBound} without the binding (tests drive queues with it; the advice binds). */
    static RequestContext started(Object connection, String path, String method) {
        return start(connection, path, method, RequestBridge.current());
    }

    /** @param bound the request bound to this thread now, which must not be started again while bound */
    private static RequestContext start(Object connection, String path, String method, RequestContext bound) {
        PendingRequests p = CONNECTIONS.get(connection);
        if (p == null) {
            p = new PendingRequests();
            CONNECTIONS.put(connection, p);
        }
        RequestContext spare = p.spare;
        p.spare = null;
        // The spare is still bound when pipelined requests are decoded in one read: the handlers of the
        // one that ended may yet offer it a route, which must not reach the new request.
        RequestContext c = RequestBridge.startQueued(path, method, spare == bound ? null : spare);
        if (p.tail == null) {
            p.head = c;
        } else {
            p.tail.next = c;
        }
        p.tail = c;
        return c;
    }

    /**
     * A server dispatches a pipelined request later than its decoder read it (Vert.x, once the previous response
     * went out): the connection's oldest waiting request, which is that one, is bound to this thread.
     */
    public static void bindOldest(Object connection) {
        PendingRequests p = CONNECTIONS.get(connection);
        if (p != null && p.head != null) {
            RequestBridge.bind(p.head);
        }
    }

    /**
     * The route of the connection's oldest waiting request, or null: the upgrade request a WebSocket handshake
     * answers, where the server shakes hands outside the request's handlers (Micronaut, after its filters ran).
     */
    public static String oldestRoute(Object connection) {
        PendingRequests p = CONNECTIONS.get(connection);
        return p != null && p.head != null ? p.head.route() : null;
    }

    /** The oldest waiting request's response head is being written with {@code status}. */
    public static void committed(Object connection, int status) {
        PendingRequests p = CONNECTIONS.get(connection);
        if (p != null && p.head != null) {
            p.head.committed(status);
        }
    }

    /** The oldest waiting request's response is complete (its last content is being written). */
    /**
     * The oldest request's whole response went out at once (a full response: status, headers and body in one
     * message): committed and ended in one step, one clock read, one look-up of the connection.
     */
    public static void answered(Object connection, int status) {
        RequestContext c = answering(connection);
        if (c != null) c.answered(status);
    }

    public static void ended(Object connection) {
        RequestContext c = answering(connection);
        if (c != null) c.end();
    }

    /** Takes the oldest request of the connection off its queue: the one the response going out answers. */
    private static RequestContext answering(Object connection) {
        PendingRequests p = CONNECTIONS.get(connection);
        if (p == null) return null;
        RequestContext c = p.head;
        if (c == null) return null;
        p.head = c.next;
        if (p.head == null) p.tail = null;
        c.next = null;
        p.spare = c; // the caller ends it now, on this thread; only the connection's next request reuses it
        return c;
    }

    /**
     * An exception escaped a handler of the connection (not an I/O error: those are the peer's doing): the
     * oldest waiting request, unless a response comes after all, counts as failed (500), as an exception
     * escaping a servlet does.
     */
    public static void failed(Object connection, Throwable thrown) {
        if (thrown instanceof java.io.IOException) return;
        PendingRequests p = CONNECTIONS.get(connection);
        if (p != null && p.head != null) {
            p.head.failed();
        }
    }

    /**
     * The connection is closing: requests still waiting end now, with the status they were committed with,
     * 500 if an exception escaped while they waited, else 0 (the client left or the server never answered).
     */
    public static void closed(Object connection) {
        PendingRequests p = CONNECTIONS.remove(connection);
        if (p == null) return;
        for (RequestContext c = p.head; c != null; ) {
            RequestContext next = c.next;
            c.next = null;
            c.end();
            c = next;
        }
        p.head = null;
        p.tail = null;
    }

    /**
     * Calls {@code action} with the route of each request waiting now, for a snapshot's in-flight counts.
     * It reads queues their event loops are changing, without a lock: a request that starts or ends
     * meanwhile may be missed or seen, as a synchronous request is on its thread; a queue only ever grows
     * at its tail with new requests (a reused context too: it leaves the queue with no next), so the walk
     * always ends.
     */
    static void forEachWaiting(Consumer<String> action) {
        CONNECTIONS.forEachValue(p -> {
            for (RequestContext c = p.head; c != null; c = c.next) {
                String route = c.route();
                if (route != null && !c.isEnded()) {
                    action.accept(route);
                }
            }
        });
    }

    /** Connections with a queue; for tests. */
    static int connections() {
        return CONNECTIONS.size();
    }
}

package io.healthagent.bootstrap;

import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * A request that does not live on one thread: an async servlet, or any request of an event-loop or
 * exchange server (Netty, Vert.x, Reactor Netty, Undertow), which starts in one callback and ends in
 * another. Whatever gets there first (the response's end, a timeout, an error, a closed connection)
 * calls {@link #end}; a compare-and-set makes sure the request is recorded exactly once.
 *
 * <p>Its route gets more precise as handlers learn it (see {@link RequestBridge#PATH}); offers come from
 * the callbacks that handle the request, one at a time, so plain volatile writes suffice.
 *
 * <p>Size: a 12-byte header, two longs, three ints and two references: 48 bytes with compressed references
 * (JMH {@code eventLoopRequest}: 48 B/op). It is the one object such a request allocates.
 */
public final class RequestContext {
    private static final AtomicIntegerFieldUpdater<RequestContext> ENDED =
            AtomicIntegerFieldUpdater.newUpdater(RequestContext.class, "ended");

    private final long start;
    private volatile String route;
    private volatile int routeLevel;
    private volatile long committedNanos;
    /** The status the response was committed with, for servers that see it only then (Netty). */
    private volatile int status;
    private volatile int ended;
    /** The next request on the same connection (pipelining), for {@link PendingRequests}. */
    RequestContext next;

    RequestContext(long start, String route, int routeLevel, long committedNanos) {
        this.start = start;
        this.route = route;
        this.routeLevel = routeLevel;
        this.committedNanos = committedNanos;
    }

    public String route() {
        return route;
    }

    int routeLevel() {
        return routeLevel;
    }

    /** A handler knows the route this precisely ({@link RequestBridge#offer} explains the rule). */
    void offer(String offered, int level) {
        if (ended != 0 || !RequestBridge.replaces(level, routeLevel)) {
            return;
        }
        String old = route;
        route = offered;
        routeLevel = level;
        if (!offered.equals(old)) {
            RequestBridge.moved(old, offered);
        }
    }

    /** The application framework's template, known only now (an Undertow PathTemplateMatch at the end). */
    public void offerTemplate(String template) {
        if (template != null) {
            offer(template, RequestBridge.TEMPLATE);
        }
    }

    /** The response was committed (first call wins). */
    public void committed() {
        if (committedNanos == 0) {
            committedNanos = System.nanoTime();
        }
    }

    /** The response was committed with {@code status} (first call wins). */
    public void committed(int status) {
        if (committedNanos == 0) {
            this.status = status;
            committedNanos = System.nanoTime();
        }
    }

    /** Ends the request with {@code status}; later calls do nothing. @return true for the call that ended it */
    public boolean end(int status) {
        if (!ENDED.compareAndSet(this, 0, 1)) {
            return false;
        }
        RequestBridge.deliver(route, start, committedNanos, System.nanoTime(), status);
        return true;
    }

    /** An exception escaped while it was being handled: it ends as 500 unless a response is committed. */
    void failed() {
        if (committedNanos == 0) {
            status = 500;
        }
    }

    /** Ends the request with the status it was committed with (0 when it never was; 500 after {@link #failed}). */
    public boolean end() {
        return end(status);
    }

    public boolean isEnded() {
        return ended != 0;
    }
}

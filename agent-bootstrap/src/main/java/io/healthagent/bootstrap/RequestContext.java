package io.healthagent.bootstrap;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A request that does not live on one thread: an async servlet, or any request of an event-loop or
 * exchange server (Netty, Vert.x, Reactor Netty, Undertow), which starts in one callback and ends in
 * another. Whatever gets there first (the response's end, a timeout, an error, a closed connection)
 * calls {@link #end}; a compare-and-set makes sure the request is recorded exactly once.
 *
 * <p>Its route gets more precise as handlers learn it (see {@link RequestBridge#PATH}); offers come from
 * the callbacks that handle the request, one at a time (on whichever thread runs each), so release writes
 * and acquire reads suffice: free on x86 and cheap elsewhere, where a volatile write is a full fence. Only
 * {@link #end} of a request that can end on two threads at once needs an atomic instruction.
 *
 * <p>Size: a 12-byte header, two longs, four ints and two references: 56 bytes with compressed references.
 * It is the one object such a request allocates, and an event-loop connection allocates it once: the
 * connection's queue hands its last ended context to its next request ({@link #restartQueued}), so a
 * kept-alive connection's requests allocate nothing (JMH {@code eventLoopRequest}: 0 B/op).
 */
public final class RequestContext {
    private static final VarHandle ROUTE;
    private static final VarHandle LEVEL;
    private static final VarHandle COMMITTED;
    private static final VarHandle STATUS;
    private static final VarHandle STATE;
    /** Running, and counted in its route's in-flight count while it runs. */
    private static final int COUNTED = 0;
    private static final int ENDED = 1;
    /**
     * Running, and not counted: it waits in its connection's queue ({@link PendingRequests}), where a
     * snapshot finds it, so that starting and ending it touches no shared counter.
     */
    private static final int QUEUED = 2;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            ROUTE = lookup.findVarHandle(RequestContext.class, "route", String.class);
            LEVEL = lookup.findVarHandle(RequestContext.class, "routeLevel", int.class);
            COMMITTED = lookup.findVarHandle(RequestContext.class, "committedNanos", long.class);
            STATUS = lookup.findVarHandle(RequestContext.class, "status", int.class);
            STATE = lookup.findVarHandle(RequestContext.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Final but for {@link #restartQueued}, on the connection's event loop. */
    private long start;
    /** {@link HttpMethods} code; written before the request is published, like {@link #start}. */
    private int method;
    private String route;
    private int routeLevel;
    private long committedNanos;
    /** The status the response was committed with, for servers that see it only then (Netty). */
    private int status;
    private int state;
    /** The next request on the same connection (pipelining), for {@link PendingRequests}. */
    RequestContext next;

    /** @param counted whether it counts in its route's in-flight count (else it is found in its connection's queue) */
    RequestContext(long start, int method, String route, int routeLevel, long committedNanos, boolean counted) {
        this.start = start;
        this.method = method;
        this.state = counted ? COUNTED : QUEUED;
        this.route = route;
        this.routeLevel = routeLevel;
        this.committedNanos = committedNanos;
    }

    /**
     * Makes this ended, queued request the next request of its connection, started at {@code startNanos}
     * and not yet routed. Only {@link PendingRequests} calls it, on the connection's event loop, for a
     * context nothing else will touch again: it is off the queue and not bound to the thread. A snapshot
     * walking the queue meanwhile sees it ended until the last store says it is queued again.
     */
    void restartQueued(long startNanos, int methodCode) {
        start = startNanos;
        method = methodCode;
        next = null;
        committedNanos = 0;
        status = 0;
        LEVEL.setRelease(this, 0);
        ROUTE.setRelease(this, null);
        STATE.setRelease(this, QUEUED);
    }

    public String route() {
        return (String) ROUTE.getAcquire(this);
    }

    int routeLevel() {
        return (int) LEVEL.getAcquire(this);
    }

    /** A handler knows the route this precisely ({@link RequestBridge#offer} explains the rule). */
    void offer(String offered, int level) {
        if (isEnded() || !RequestBridge.replaces(level, routeLevel())) {
            return;
        }
        String old = route();
        ROUTE.setRelease(this, offered);
        LEVEL.setRelease(this, level);
        if (!offered.equals(old) && (int) STATE.getAcquire(this) == COUNTED) {
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
        if ((long) COMMITTED.getAcquire(this) == 0) {
            COMMITTED.setRelease(this, System.nanoTime());
        }
    }

    /** The response was committed with {@code status} (first call wins). */
    public void committed(int status) {
        if ((long) COMMITTED.getAcquire(this) == 0) {
            STATUS.setRelease(this, status);
            COMMITTED.setRelease(this, System.nanoTime());
        }
    }

    /** Ends the request with {@code status}; later calls do nothing. @return true for the call that ended it */
    public boolean end(int status) {
        int running = (int) STATE.getAcquire(this);
        if (!claimEnd(running)) {
            return false;
        }
        RequestBridge.deliver(route(), method, start, (long) COMMITTED.getAcquire(this), System.nanoTime(), status,
                running == COUNTED);
        return true;
    }

    /**
     * The whole response went out at once: committed (unless it was already) and ended now, with one clock
     * read. @return true for the call that ended it
     */
    public boolean answered(int status) {
        int running = (int) STATE.getAcquire(this);
        if (!claimEnd(running)) {
            return false;
        }
        long now = System.nanoTime();
        long committed = (long) COMMITTED.getAcquire(this);
        RequestBridge.deliver(route(), method, start, committed != 0 ? committed : now, now, status, running == COUNTED);
        return true;
    }

    /**
     * Marks the request ended; true for the one call that does. A counted request may be ended from two
     * threads at once (an async timeout and the response's end): a compare-and-set decides. A queued one
     * is only ever ended by its connection's queue, on the connection's event loop, when it takes the
     * request off ({@link PendingRequests}): no other thread can race it, so a plain release store does, and
     * an event-loop request pays no locked instruction for it.
     */
    private boolean claimEnd(int running) {
        if (running == ENDED) {
            return false;
        }
        if (running == QUEUED) {
            STATE.setRelease(this, ENDED);
            return true;
        }
        return STATE.compareAndSet(this, running, ENDED);
    }

    /** An exception escaped while it was being handled: it ends as 500 unless a response is committed. */
    void failed() {
        if ((long) COMMITTED.getAcquire(this) == 0) {
            STATUS.setRelease(this, 500);
        }
    }

    /** Ends the request with the status it was committed with (0 when it never was; 500 after {@link #failed}). */
    public boolean end() {
        return end((int) STATUS.getAcquire(this));
    }

    public boolean isEnded() {
        return (int) STATE.getAcquire(this) == ENDED;
    }
}

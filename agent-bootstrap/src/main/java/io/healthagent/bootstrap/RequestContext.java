package io.healthagent.bootstrap;

import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * A request that started on one thread and ends on another (an async servlet, an event loop). Whatever
 * gets there first (completion, timeout, error, a closed connection) calls {@link #end}; a
 * compare-and-set makes sure the request is recorded exactly once.
 *
 * <p>Size: a 12-byte header, two longs, a reference, an int and a volatile long: 48 bytes with
 * compressed references. It is the one object a request that ends elsewhere allocates.
 */
public final class RequestContext {
    private static final AtomicIntegerFieldUpdater<RequestContext> ENDED =
            AtomicIntegerFieldUpdater.newUpdater(RequestContext.class, "ended");

    private final long start;
    private final String route;
    private volatile long committedNanos;
    private volatile int ended;

    RequestContext(long start, String route, long committedNanos) {
        this.start = start;
        this.route = route;
        this.committedNanos = committedNanos;
    }

    public String route() {
        return route;
    }

    /** The response was committed (first call wins). */
    public void committed() {
        if (committedNanos == 0) {
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

    public boolean isEnded() {
        return ended != 0;
    }
}

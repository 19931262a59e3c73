package io.healthagent.bootstrap;

/**
 * The request of each exchange of a server that hands one exchange object from callback to callback
 * (Undertow's {@code HttpServerExchange}): started at the exchange's first callback, found again by
 * identity in every later one (a dispatch to a worker thread, an async servlet's completion), ended once
 * when the exchange completes. A {@link WeakIdentityTable}: a lock-free read per callback, a locked
 * write when an exchange starts and when it ends.
 */
public final class ExchangeRequests {
    private static final WeakIdentityTable<RequestContext> TABLE = new WeakIdentityTable<>();

    private ExchangeRequests() {
    }

    /**
     * A callback of {@code exchange} starts on this thread: its request (started now if this is the first),
     * bound to the thread. Returns what was bound before, for {@link RequestBridge#bind} at the callback's end.
     */
    public static RequestContext enter(Object exchange, String path) {
        RequestContext c = TABLE.get(exchange);
        if (c == null) {
            c = RequestBridge.startOnPath(path);
            TABLE.put(exchange, c);
        }
        return RequestBridge.bind(c);
    }

    /** The request of {@code exchange}, or null. */
    public static RequestContext get(Object exchange) {
        return TABLE.get(exchange);
    }

    /** The exchange completed: its request leaves the table, to be ended by the caller. */
    public static RequestContext remove(Object exchange) {
        return TABLE.remove(exchange);
    }
}

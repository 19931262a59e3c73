package io.healthagent.benchmarks;

import io.healthagent.bootstrap.AsyncListeners;
import io.healthagent.bootstrap.PendingRequests;
import io.healthagent.bootstrap.RequestBridge;
import io.healthagent.bootstrap.RequestContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.lang.reflect.Proxy;
import io.healthagent.bootstrap.WebSocketBridge;
import io.healthagent.bootstrap.WebSocketSession;
import io.healthagent.bootstrap.WebSocketSessions;
import io.healthagent.instrumentation.servlet.AsyncListenerClasses;
import io.healthagent.metrics.Measurements;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the advice does for one request: enter (depth guard, start time), exit, record
 * into the route's striped recorder. Run with {@code -prof gc} for bytes allocated per operation.
 * A nested call (a filter in front of a servlet) is measured too: it is the guard alone. So is a request
 * that ends on another thread: the context, the AsyncListener the container would call, and its
 * onComplete as the container calls it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HotPathBenchmark {
    private static final String ROUTE = "/api/ping";
    private static final String TEMPLATE = "/api/tracks/{id}";
    /** Stands for a Netty channel. */
    private final Object channel = new Object();

    private HttpServletResponse response;
    private AsyncEvent event;
    /** Stands for a container's connection object (Jetty's WebSocketCoreSession). */
    private final Object connection = new Object();
    private WebSocketSession session;
    private final io.healthagent.metrics.PathRoutes segments = new io.healthagent.metrics.PathRoutes(java.util.List.of());

    /** A response whose getStatus() is a field read, as in a container. */
    static final class Response extends HttpServletResponseWrapper {
        Response(HttpServletResponse unused) {
            super(unused);
        }

        @Override
        public int getStatus() {
            return 200;
        }
    }

    @Setup
    public void setUp() {
        Measurements metrics = new Measurements(java.util.List.of("/api/tracks/{id}")).installBridges();
        AsyncListenerClasses.register("jakarta.servlet", "JakartaAsyncListener"); // as the servlet module does
        metrics.requests.record(ROUTE, 1000, 200); // the route exists, as after a server's first request
        metrics.requests.record(TEMPLATE, 1000, 200);
        session = WebSocketBridge.newSession("/ws/now-playing/{channel}");
        session.opened();
        WebSocketSessions.put(connection, session);
        response = new Response((HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (p, m, a) -> null));
        event = new AsyncEvent((jakarta.servlet.AsyncContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {jakarta.servlet.AsyncContext.class}, (p, m, a) -> null));
    }

    @Benchmark
    @Threads(1)
    public boolean asyncRequest() throws IOException {
        long start = RequestBridge.enter();
        RequestBridge.offerMethod("GET"); // as the servlet and JDK advice offer it
        RequestBridge.offerRoute(ROUTE);
        boolean recorded = RequestBridge.exit(start);
        if (recorded) {
            RequestContext context = RequestBridge.detach(start);
            AsyncListener listener = (AsyncListener) AsyncListeners.listener(AsyncListener.class, response, context);
            listener.onComplete(event); // on the container's thread, later
        }
        return recorded;
    }

    /** The floor of any request timing: the two clock reads every measured request needs (start, end). */
    @Benchmark
    @Threads(1)
    public long twoClockReads() {
        long start = System.nanoTime();
        return System.nanoTime() - start;
    }

    @Benchmark
    @Threads(1)
    public boolean request1Thread() {
        return oneRequest();
    }

    @Benchmark
    @Threads(2)
    public boolean request2Threads() {
        return oneRequest();
    }

    @Benchmark
    @Threads(1)
    public boolean requestWithNestedFilter() {
        long outer = RequestBridge.enter();
        RequestBridge.offerMethod("GET");
        RequestBridge.offerRoute(ROUTE);
        long inner = RequestBridge.enter();
        RequestBridge.exit(inner);
        boolean recorded = RequestBridge.exit(outer);
        RequestBridge.end(outer, 200);
        return recorded;
    }

    /** A request whose response is committed before it ends (a stream): the commit hook included. */
    @Benchmark
    @Threads(1)
    public boolean requestWithCommit() {
        long start = RequestBridge.enter();
        RequestBridge.offerMethod("GET"); // as the servlet and JDK advice offer it
        RequestBridge.offerRoute(ROUTE);
        RequestBridge.committed();
        boolean recorded = RequestBridge.exit(start);
        RequestBridge.end(start, 200);
        return recorded;
    }

    /**
     * One request on an event-loop server (Netty, Vert.x, Reactor Netty), as its codec advice sees it: the
     * request head decoded (its route from the path, the connection's queue), bound while the handlers run,
     * a framework's template offered, the full response encoded (head and body in one message: committed
     * and ended at once).
     * Nothing is allocated: on the same kept-alive connection each request starts in the context of the
     * one before (as the advice does, the context is not reused while still bound to the thread).
     */
    @Benchmark
    @Threads(1)
    public boolean eventLoopRequest() {
        PendingRequests.startBound(channel, "/api/tracks/17", "GET"); // as the decoder's advice starts it
        RequestContext c = RequestBridge.current();
        RequestBridge.offerTemplate(TEMPLATE);
        RequestBridge.bind(null);                              // the read is over
        PendingRequests.answered(channel, 200); // a full response: committed and ended in one message
        return c.isEnded();
    }

    /**
     * What a server without templates (Netty, Undertow's handlers) pays per request to name its route: the
     * first of the operator's patterns the path matches (part of {@link #eventLoopRequest}).
     */
    @Benchmark
    @Threads(1)
    public String routeOfPath() {
        return RequestBridge.routeForPath("/api/tracks/17");
    }

    /** The same without a pattern (no {@code routes} option, as in scripts/bench.sh): the first segment. */
    @Benchmark
    @Threads(1)
    public String routeOfPathBySegment() {
        return segments.routeOf("/api/tracks/17");
    }

    /** What the advice does for one WebSocket data frame: find the connection's session, count the frame. */
    @Benchmark
    @Threads(1)
    public void webSocketMessage() {
        WebSocketSession s = WebSocketSessions.get(connection);
        if (s != null) {
            s.frame(true, true, 64);
        }
    }

    private static boolean oneRequest() {
        long start = RequestBridge.enter();
        RequestBridge.offerMethod("GET"); // as the servlet and JDK advice offer it
        RequestBridge.offerRoute(ROUTE);
        boolean recorded = RequestBridge.exit(start);
        RequestBridge.end(start, 200);
        return recorded;
    }
}

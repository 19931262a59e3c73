package io.healthagent.benchmarks;

import io.healthagent.bootstrap.RequestBridge;
import io.healthagent.metrics.RequestMetrics;
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
 * A nested call (a filter in front of a servlet) is measured too: it is the guard alone.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HotPathBenchmark {
    private static final String ROUTE = "/api/ping";

    @Setup
    public void setUp() {
        RequestMetrics metrics = new RequestMetrics();
        RequestBridge.install(metrics);
        metrics.record(ROUTE, 1000, 200); // the route exists, as after a server's first request
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
        long inner = RequestBridge.enter();
        RequestBridge.exit(inner);
        boolean recorded = RequestBridge.exit(outer);
        if (recorded) {
            RequestBridge.record(outer, ROUTE, 200);
        }
        return recorded;
    }

    private static boolean oneRequest() {
        long start = RequestBridge.enter();
        boolean recorded = RequestBridge.exit(start);
        if (recorded) {
            RequestBridge.record(start, ROUTE, 200);
        }
        return recorded;
    }
}

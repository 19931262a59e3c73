package io.healthagent.benchmarks;

import io.healthagent.metrics.RequestMetrics;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Heap held per route by the request metrics, after a full window of traffic: a typical route (durations
 * within one order of magnitude) and the worst case (durations in every bucket, from as many threads as
 * there are stripes). Prints figures; run with
 * {@code java -cp integration-tests/benchmarks/target/benchmarks.jar io.healthagent.benchmarks.RouteFootprint}.
 */
public final class RouteFootprint {
    private static final int ROUTES = 200;

    public static void main(String[] args) throws Exception {
        int stripes = Math.min(8, Integer.highestOneBit(Math.max(1, Runtime.getRuntime().availableProcessors()) * 2 - 1));
        System.out.printf("%d cores, %d stripes per route%n", Runtime.getRuntime().availableProcessors(), stripes);
        System.out.printf("typical route (1-20 ms, 2 threads): %,d bytes per route%n", footprint(false, 2, 500));
        System.out.printf("wide route (1 us to 1 h, 8 threads, every stripe): %,d bytes per route%n",
                footprint(true, 8, 5_000));
    }

    private static long footprint(boolean everyBucket, int threads, int perThread) throws Exception {
        long before = usedAfterGc();
        RequestMetrics metrics = new RequestMetrics();
        long now = 1_800_000_000_000L;
        for (int slot = 0; slot < 7; slot++) { // a whole window of 10-second slots, and one more
            List<Thread> writers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                final int seed = t + slot * 31;
                Thread w = new Thread(() -> {
                    Random r = new Random(seed);
                    for (int route = 0; route < ROUTES; route++) {
                        for (int i = 0; i < perThread; i++) {
                            long micros = everyBucket ? 1 + (long) Math.pow(3_600_000_000.0, r.nextDouble())
                                    : 1_000 + r.nextInt(19_000);
                            metrics.record("/route/" + route, micros * 1000, 200);
                        }
                    }
                });
                writers.add(w);
                w.start();
            }
            for (Thread w : writers) w.join();
            metrics.roll(now);
            now += 10_000;
        }
        metrics.stats(now);
        long after = usedAfterGc();
        if (metrics.hashCode() == 42) System.out.print(""); // keep it reachable until here
        return (after - before) / ROUTES;
    }

    private static long usedAfterGc() throws InterruptedException {
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}

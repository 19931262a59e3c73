package io.healthagent.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.HdrHistogram.AbstractHistogram;
import org.junit.jupiter.api.Test;

class StripedLatencyRecorderTest {

    /** Draining must land every value in the HdrHistogram bucket it would have reached directly. */
    @Test
    void bucketsAreHdrHistogramsOwn() {
        AbstractHistogram hdr = LatencyWindow.newScratch();
        long lastLow = StripedLatencyRecorder.lowestValue(StripedLatencyRecorder.BUCKET_COUNT - 1);
        assertEquals(hdr.lowestEquivalentValue(LatencyWindow.MAX_MICROS), lastLow, "the last bucket holds the maximum");
        for (int i = 1; i < StripedLatencyRecorder.BUCKET_COUNT; i++) {
            long low = StripedLatencyRecorder.lowestValue(i);
            assertEquals(i, StripedLatencyRecorder.index(low), "lowest value of bucket " + i);
            assertEquals(hdr.lowestEquivalentValue(low), low, "HdrHistogram's bucket starts there too: " + i);
            long high = hdr.highestEquivalentValue(low);
            assertEquals(i, StripedLatencyRecorder.index(Math.min(high, LatencyWindow.MAX_MICROS)),
                    "highest value of bucket " + i);
            if (high < LatencyWindow.MAX_MICROS) {
                assertEquals(i + 1, StripedLatencyRecorder.index(high + 1), "next bucket after " + i);
            }
        }
    }

    @Test
    void drainMovesEachRecordingOnce() {
        StripedLatencyRecorder r = new StripedLatencyRecorder();
        long[] values = {1, 7, 255, 256, 257, 1_000, 150_000, 3_599_999_999L, LatencyWindow.MAX_MICROS};
        AbstractHistogram direct = LatencyWindow.newScratch();
        for (long v : values) {
            r.record(v);
            direct.recordValue(v);
        }
        AbstractHistogram first = LatencyWindow.newScratch();
        r.drainInto(first);
        assertEquals(values.length, first.getTotalCount());
        for (long v : values) {
            assertEquals(direct.getCountAtValue(v), first.getCountAtValue(v), "bucket of " + v);
        }
        assertEquals(direct.getValueAtPercentile(50), first.getValueAtPercentile(50));
        assertEquals(direct.getMean(), first.getMean(), 1e-9);
        AbstractHistogram second = LatencyWindow.newScratch();
        r.drainInto(second);
        assertEquals(0, second.getTotalCount(), "nothing recorded twice");
    }

    /** Writers on many threads while a reader drains: the drains add up to exactly what was recorded. */
    @Test
    void concurrentWritersLoseNothing() throws Exception {
        StripedLatencyRecorder r = new StripedLatencyRecorder();
        int threads = 6;
        int perThread = 200_000;
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread w = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < perThread; i++) r.record(1 + (i + id) % 5_000);
            });
            w.start();
            writers.add(w);
        }
        AbstractHistogram total = LatencyWindow.newScratch();
        go.countDown();
        boolean running = true;
        while (running) {
            r.drainInto(total);
            running = writers.stream().anyMatch(Thread::isAlive);
        }
        for (Thread w : writers) w.join();
        r.drainInto(total);
        assertEquals((long) threads * perThread, total.getTotalCount());
    }
}

package io.healthagent.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.HdrHistogram.AbstractHistogram;
import org.junit.jupiter.api.Test;

class StripedLatencyRecorderTest {

    /** HdrHistogram's slots are its own buckets: draining lands every value where it would have gone directly. */
    @Test
    void hdrSlotsAreHdrHistogramsBuckets() {
        AbstractHistogram hdr = LatencyWindow.newScratch();
        int last = StripedLatencyRecorder.HDR_COUNT - 1;
        assertEquals(hdr.lowestEquivalentValue(LatencyWindow.MAX_MICROS), StripedLatencyRecorder.lowestValue(last),
                "the last slot holds the maximum");
        for (int i = 1; i < StripedLatencyRecorder.HDR_COUNT; i++) {
            long low = StripedLatencyRecorder.lowestValue(i);
            assertEquals(i, StripedLatencyRecorder.index(low), "lowest value of slot " + i);
            assertEquals(hdr.lowestEquivalentValue(low), low, "HdrHistogram's bucket starts there too: " + i);
            long high = hdr.highestEquivalentValue(low);
            assertEquals(i, StripedLatencyRecorder.index(Math.min(high, LatencyWindow.MAX_MICROS)), "highest value of " + i);
            if (high < LatencyWindow.MAX_MICROS) {
                assertEquals(i + 1, StripedLatencyRecorder.index(high + 1), "next slot after " + i);
            }
        }
    }

    /**
     * Every value from 1 µs to past the last bound goes to a slot that lies within one fixed bucket and one
     * HdrHistogram bucket: the fixed counts are exact, and HdrHistogram's unchanged.
     */
    @Test
    void everySlotLiesInOneFixedBucketAndOneHdrBucket() {
        AbstractHistogram hdr = LatencyWindow.newScratch();
        int splits = 0;
        for (int s = 1; s < StripedLatencyRecorder.SLOT_COUNT; s++) {
            long low = StripedLatencyRecorder.lowestValue(s);
            long high = StripedLatencyRecorder.highestValue(s);
            assertTrue(low <= high, "slot " + s);
            assertEquals(RequestBuckets.bucketOf(low), RequestBuckets.bucketOf(high), "one fixed bucket: slot " + s);
            assertEquals(hdr.lowestEquivalentValue(low), hdr.lowestEquivalentValue(high), "one Hdr bucket: slot " + s);
            assertEquals(s, StripedLatencyRecorder.slot(low));
            assertEquals(s, StripedLatencyRecorder.slot(high));
            if (s >= StripedLatencyRecorder.HDR_COUNT) splits++;
        }
        assertTrue(splits > 10, "most bounds fall inside an HdrHistogram bucket: " + splits);
        for (long v = 1; v <= 61_000_000; v += v < 100_000 ? 1 : 997) {
            int s = StripedLatencyRecorder.slot(v);
            assertTrue(StripedLatencyRecorder.lowestValue(s) <= v && v <= StripedLatencyRecorder.highestValue(s), "value " + v);
        }
    }

    @Test
    void drainMovesEachRecordingOnce() {
        StripedLatencyRecorder r = new StripedLatencyRecorder();
        long[] values = {1, 7, 255, 256, 257, 1_000, 1_001, 150_000, 3_599_999_999L, LatencyWindow.MAX_MICROS};
        AbstractHistogram direct = LatencyWindow.newScratch();
        for (long v : values) {
            r.record(v);
            direct.recordValue(v);
        }
        long[] scratch = new long[StripedLatencyRecorder.SLOT_COUNT];
        AbstractHistogram first = LatencyWindow.newScratch();
        BucketCounts buckets = new BucketCounts();
        r.drainInto(scratch, first, buckets, null, null);
        assertEquals(values.length, first.getTotalCount());
        for (long v : values) {
            assertEquals(direct.getCountAtValue(v), first.getCountAtValue(v), "bucket of " + v);
        }
        assertEquals(direct.getValueAtPercentile(50), first.getValueAtPercentile(50));
        assertEquals(direct.getMean(), first.getMean(), 1e-9);
        long[] counts = buckets.counts();
        assertEquals(6, counts[0], "1 µs up to 1 ms inclusive: " + java.util.Arrays.toString(counts));
        assertEquals(values.length, java.util.Arrays.stream(counts).sum());
        AbstractHistogram second = LatencyWindow.newScratch();
        r.drainInto(scratch, second, new BucketCounts(), null, null);
        assertEquals(0, second.getTotalCount(), "nothing recorded twice");
        assertTrue(java.util.Arrays.stream(scratch).allMatch(c -> c == 0), "the scratch is left zeroed");
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
        BucketCounts buckets = new BucketCounts();
        long[] scratch = new long[StripedLatencyRecorder.SLOT_COUNT];
        go.countDown();
        boolean running = true;
        while (running) {
            r.drainInto(scratch, total, buckets, null, null);
            running = writers.stream().anyMatch(Thread::isAlive);
        }
        for (Thread w : writers) w.join();
        r.drainInto(scratch, total, buckets, null, null);
        assertEquals((long) threads * perThread, total.getTotalCount());
        assertEquals((long) threads * perThread, java.util.Arrays.stream(buckets.counts()).sum());
    }
}

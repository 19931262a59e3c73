package io.healthagent.metrics;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.HdrHistogram.AbstractHistogram;

/**
 * Where the hot path records a duration: one atomic increment of one bucket count, nothing else.
 *
 * <p>Why not HdrHistogram's {@code Recorder}: each of its recordings takes six locked instructions (its
 * phaser's enter and exit, the concurrent histogram's own phaser, the count, the total count) on counters
 * every writer shares. In a busy server those cost far more than in a micro-benchmark, and two threads
 * recording into one route bounce the same cache lines between cores. Here a recording is one
 * {@code getAndIncrement} in a stripe picked by the thread's id, so threads on different cores rarely
 * touch the same array.
 *
 * <p>The reader ({@link #drainInto}) takes each count with {@code getAndSet(0)}: a recording lands
 * either in this drain or in the next one, never in both and never in neither. There is no interval swap
 * and no phaser to wait on.
 *
 * <p>Buckets are HdrHistogram's own layout for values 1 to {@link LatencyWindow#MAX_MICROS} with two
 * significant digits (256 unit buckets, then 128 buckets per power of two), so draining into such a
 * histogram loses nothing: a bucket's lowest value falls in the very same HdrHistogram bucket.
 * {@code StripedLatencyRecorderTest} checks that equivalence bucket by bucket.
 */
final class StripedLatencyRecorder {
    /** 2 significant digits: 2 * 10^2 = 200 values need 256 (2^8) unit sub-buckets, as in HdrHistogram. */
    private static final int SUB_BUCKET_BITS = 8;
    private static final int SUB_BUCKET_COUNT = 1 << SUB_BUCKET_BITS;                 // 256
    private static final int HALF_COUNT = SUB_BUCKET_COUNT / 2;                        // 128
    static final int BUCKET_COUNT = index(LatencyWindow.MAX_MICROS) + 1;

    /** At most 8 stripes: more would cost memory on big machines for little gain on one route. */
    private static final int STRIPES = Math.min(8, Integer.highestOneBit(
            Math.max(1, Runtime.getRuntime().availableProcessors()) * 2 - 1));

    /** Allocated when a thread of that stripe first records: an idle route holds no counts. */
    private final AtomicReferenceArray<AtomicIntegerArray> stripes = new AtomicReferenceArray<>(STRIPES);

    /** Hot path. {@code micros} must be within 1..MAX_MICROS. */
    void record(long micros) {
        recordIndex(index(micros));
    }

    /** Hot path: one more duration in bucket {@code index} (see {@link #index}). */
    void recordIndex(int index) {
        int s = (int) Thread.currentThread().getId() & (STRIPES - 1);
        AtomicIntegerArray counts = stripes.get(s);
        if (counts == null) {
            counts = newStripe(s);
        }
        counts.getAndIncrement(index);
    }

    private AtomicIntegerArray newStripe(int s) {
        stripes.compareAndSet(s, null, new AtomicIntegerArray(BUCKET_COUNT));
        return stripes.get(s);
    }

    /** Moves every count recorded since the last drain into {@code into} (HdrHistogram, 2 digits). */
    void drainInto(AbstractHistogram into) {
        for (int s = 0; s < STRIPES; s++) {
            AtomicIntegerArray counts = stripes.get(s);
            if (counts == null) {
                continue;
            }
            for (int i = 0; i < BUCKET_COUNT; i++) {
                if (counts.get(i) != 0) { // read before swapping: most buckets are empty, and a read is cheaper
                    int n = counts.getAndSet(i, 0);
                    into.recordValueWithCount(lowestValue(i), n);
                }
            }
        }
    }

    /** Bucket of a value >= 1: values below 256 have their own bucket; above, 128 per power of two. */
    static int index(long value) {
        if (value < SUB_BUCKET_COUNT) {
            return (int) value;
        }
        int magnitude = 63 - Long.numberOfLeadingZeros(value);      // >= 8
        int shift = magnitude - (SUB_BUCKET_BITS - 1);              // keeps the top 8 bits
        int sub = (int) (value >>> shift) - HALF_COUNT;             // 0..127
        return SUB_BUCKET_COUNT + (magnitude - SUB_BUCKET_BITS) * HALF_COUNT + sub;
    }

    /** The smallest value that falls in bucket {@code index}. */
    static long lowestValue(int index) {
        if (index < SUB_BUCKET_COUNT) {
            return index;
        }
        int above = index - SUB_BUCKET_COUNT;
        int magnitude = above / HALF_COUNT + SUB_BUCKET_BITS;
        int sub = above % HALF_COUNT + HALF_COUNT;
        return (long) sub << (magnitude - (SUB_BUCKET_BITS - 1));
    }
}

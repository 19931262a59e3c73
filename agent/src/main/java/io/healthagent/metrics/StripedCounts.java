package io.healthagent.metrics;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Counts the hot path increments with one atomic instruction and nothing else, read by a drain that
 * takes each count with {@code getAndSet(0)}: an increment lands either in this drain or in the next one,
 * never in both and never in neither.
 *
 * <p>Why striped: two threads incrementing one array bounce its cache lines between cores. Each thread
 * increments the stripe its id picks, so threads on different cores rarely touch the same array. (Why not
 * HdrHistogram's {@code Recorder}: each of its recordings takes six locked instructions, on counters every
 * writer shares.)
 */
final class StripedCounts {
    /** At most 8 stripes: more would cost memory on big machines for little gain on one route. */
    static final int STRIPES = Math.min(8, Integer.highestOneBit(
            Math.max(1, Runtime.getRuntime().availableProcessors()) * 2 - 1));

    private final int size;
    /** Allocated when a thread of that stripe first counts: an idle route holds no counts. */
    private final AtomicReferenceArray<AtomicIntegerArray> stripes = new AtomicReferenceArray<>(STRIPES);

    StripedCounts(int size) {
        this.size = size;
    }

    int size() {
        return size;
    }

    /** Hot path: one more at {@code index}. */
    void increment(int index) {
        int s = (int) Thread.currentThread().getId() & (STRIPES - 1);
        AtomicIntegerArray counts = stripes.get(s);
        if (counts == null) {
            counts = newStripe(s);
        }
        counts.getAndIncrement(index);
    }

    private AtomicIntegerArray newStripe(int s) {
        stripes.compareAndSet(s, null, new AtomicIntegerArray(size));
        return stripes.get(s);
    }

    /** Adds what was counted since the last drain to {@code into} (one entry per index), and forgets it. */
    void drainInto(long[] into) {
        for (int s = 0; s < STRIPES; s++) {
            AtomicIntegerArray counts = stripes.get(s);
            if (counts == null) {
                continue;
            }
            for (int i = 0; i < size; i++) {
                if (counts.get(i) != 0) { // read before swapping: most entries are empty, and a read is cheaper
                    into[i] += counts.getAndSet(i, 0);
                }
            }
        }
    }
}

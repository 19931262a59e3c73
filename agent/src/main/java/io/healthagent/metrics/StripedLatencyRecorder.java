package io.healthagent.metrics;

import org.HdrHistogram.AbstractHistogram;

/**
 * Where the hot path records a duration: one atomic increment of one slot's count ({@link StripedCounts}),
 * nothing else. A drain moves the counts both into HdrHistograms (the agent's own percentiles) and into
 * the fixed buckets of /metrics ({@link BucketCounts}), off the hot path.
 *
 * <p>Slots are HdrHistogram's own layout for values 1 to {@link LatencyWindow#MAX_MICROS} with two
 * significant digits (256 unit slots, then 128 per power of two), so draining into such a histogram loses
 * nothing: a slot's lowest value falls in the very same HdrHistogram bucket. Where a bound of
 * {@link RequestBuckets} falls inside one of those slots, the durations above the bound get a slot of
 * their own (appended after HdrHistogram's), so that every fixed bucket's count is exact to the
 * microsecond, as a histogram's {@code le} promises. {@code StripedLatencyRecorderTest} checks both.
 */
final class StripedLatencyRecorder {
    /** 2 significant digits: 2 * 10^2 = 200 values need 256 (2^8) unit sub-buckets, as in HdrHistogram. */
    private static final int SUB_BUCKET_BITS = 8;
    private static final int SUB_BUCKET_COUNT = 1 << SUB_BUCKET_BITS;                 // 256
    private static final int HALF_COUNT = SUB_BUCKET_COUNT / 2;                        // 128
    /** HdrHistogram's slots. */
    static final int HDR_COUNT = index(LatencyWindow.MAX_MICROS) + 1;
    /** For each HdrHistogram slot, 1 + the bound of {@link RequestBuckets} inside it, or 0 when none is. */
    private static final byte[] SPLIT = new byte[HDR_COUNT];
    /** For each bound of {@link RequestBuckets} that splits a slot, the slot of the durations above it. */
    private static final int[] ABOVE = new int[RequestBuckets.UPPER_MICROS.length];
    /** All slots: HdrHistogram's, then one per split. */
    static final int SLOT_COUNT;
    /** Per slot: its lowest and highest value, and its fixed bucket. */
    private static final long[] LOWEST;
    private static final long[] HIGHEST;
    private static final byte[] BUCKET;

    static {
        int splits = 0;
        for (int b = 0; b < RequestBuckets.UPPER_MICROS.length; b++) {
            long bound = RequestBuckets.UPPER_MICROS[b];
            if (index(bound) == index(bound + 1)) {
                SPLIT[index(bound)] = (byte) (b + 1);
                splits++;
            }
        }
        SLOT_COUNT = HDR_COUNT + splits;
        LOWEST = new long[SLOT_COUNT];
        HIGHEST = new long[SLOT_COUNT];
        BUCKET = new byte[SLOT_COUNT];
        int extra = HDR_COUNT;
        for (int i = 0; i < HDR_COUNT; i++) {
            LOWEST[i] = hdrLowest(i);
            HIGHEST[i] = i + 1 < HDR_COUNT ? hdrLowest(i + 1) - 1 : LatencyWindow.MAX_MICROS;
            if (SPLIT[i] != 0) {
                long bound = RequestBuckets.UPPER_MICROS[SPLIT[i] - 1];
                ABOVE[SPLIT[i] - 1] = extra;
                LOWEST[extra] = bound + 1;
                HIGHEST[extra] = HIGHEST[i];
                HIGHEST[i] = bound;
                extra++;
            }
        }
        for (int s = 0; s < SLOT_COUNT; s++) {
            BUCKET[s] = (byte) RequestBuckets.bucketOf(HIGHEST[s]);
        }
    }

    private final StripedCounts counts = new StripedCounts(SLOT_COUNT);

    /** Hot path. {@code micros} must be within 1..MAX_MICROS. */
    void record(long micros) {
        recordSlot(slot(micros));
    }

    /** Hot path: one more duration in slot {@code slot} (see {@link #slot}). */
    void recordSlot(int slot) {
        counts.increment(slot);
    }

    /** The slot of a value within 1..MAX_MICROS: HdrHistogram's, or the split-off one above a bucket bound. */
    static int slot(long micros) {
        int i = index(micros);
        int split = SPLIT[i];
        if (split != 0 && micros > RequestBuckets.UPPER_MICROS[split - 1]) {
            return ABOVE[split - 1];
        }
        return i;
    }

    /**
     * Moves every duration recorded since the last drain into {@code hdr} and {@code buckets}, and into
     * {@code hdr2} and {@code buckets2} too when they are not null.
     * @param scratch {@link #SLOT_COUNT} zeros, left zeroed
     */
    void drainInto(long[] scratch, AbstractHistogram hdr, BucketCounts buckets, AbstractHistogram hdr2,
                   BucketCounts buckets2) {
        counts.drainInto(scratch);
        for (int s = 0; s < SLOT_COUNT; s++) {
            long n = scratch[s];
            if (n == 0) {
                continue;
            }
            scratch[s] = 0;
            hdr.recordValueWithCount(LOWEST[s], n);
            buckets.add(BUCKET[s], n, midpoint(s));
            if (hdr2 != null) {
                hdr2.recordValueWithCount(LOWEST[s], n);
                buckets2.add(BUCKET[s], n, midpoint(s));
            }
        }
    }

    /** The middle of a slot: a sum of durations taken from slots is unbiased to within half a slot (0.4%). */
    private static double midpoint(int slot) {
        return (LOWEST[slot] + HIGHEST[slot]) / 2.0;
    }

    static long lowestValue(int slot) {
        return LOWEST[slot];
    }

    static long highestValue(int slot) {
        return HIGHEST[slot];
    }

    /** HdrHistogram's slot of a value >= 1: values below 256 have their own; above, 128 per power of two. */
    static int index(long value) {
        if (value < SUB_BUCKET_COUNT) {
            return (int) value;
        }
        int magnitude = 63 - Long.numberOfLeadingZeros(value);      // >= 8
        int shift = magnitude - (SUB_BUCKET_BITS - 1);              // keeps the top 8 bits
        int sub = (int) (value >>> shift) - HALF_COUNT;             // 0..127
        return SUB_BUCKET_COUNT + (magnitude - SUB_BUCKET_BITS) * HALF_COUNT + sub;
    }

    /** The smallest value that falls in HdrHistogram slot {@code index}. */
    private static long hdrLowest(int index) {
        if (index < SUB_BUCKET_COUNT) {
            return index;
        }
        int above = index - SUB_BUCKET_COUNT;
        int magnitude = above / HALF_COUNT + SUB_BUCKET_BITS;
        int sub = above % HALF_COUNT + HALF_COUNT;
        return (long) sub << (magnitude - (SUB_BUCKET_BITS - 1));
    }
}

package io.healthagent.metrics;

/**
 * Request and error counts in fixed time slots, summed over any window up to the ring's length.
 * Not thread-safe: RequestMetrics calls it under its roll lock.
 */
final class CountWindow {
    private final long slotMillis;
    private final long[] ids;
    private final long[] requests;
    private final long[] errors;

    CountWindow(long slotMillis, int slotCount) {
        this.slotMillis = slotMillis;
        this.ids = new long[slotCount];
        this.requests = new long[slotCount];
        this.errors = new long[slotCount];
        java.util.Arrays.fill(ids, Long.MIN_VALUE);
    }

    void add(long nowMillis, long requestCount, long errorCount) {
        long id = nowMillis / slotMillis;
        int i = (int) (id % ids.length);
        if (ids[i] != id) {
            ids[i] = id;
            requests[i] = 0;
            errors[i] = 0;
        }
        requests[i] += requestCount;
        errors[i] += errorCount;
    }

    /** Requests in the slots that overlap the last {@code windowMillis}, including the current one. */
    long requests(long nowMillis, long windowMillis) {
        return sum(requests, nowMillis, windowMillis);
    }

    long errors(long nowMillis, long windowMillis) {
        return sum(errors, nowMillis, windowMillis);
    }

    private long sum(long[] values, long nowMillis, long windowMillis) {
        long id = nowMillis / slotMillis;
        long n = Math.min(ids.length, Math.max(1, windowMillis / slotMillis));
        long total = 0;
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] > id - n && ids[i] <= id) {
                total += values[i];
            }
        }
        return total;
    }
}

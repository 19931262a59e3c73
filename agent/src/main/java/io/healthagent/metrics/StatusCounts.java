package io.healthagent.metrics;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Requests per status code, as {@link StripedCounts} counts durations: one atomic increment on the hot path,
 * in the stripe the thread's id picks, drained with {@code getAndSet(0)}. A route answers few distinct codes,
 * so each stripe is a small open-addressed table of (code, count) pairs, 148 bytes, rather than a count for
 * every possible code (2 KB a stripe).
 */
final class StatusCounts {
    /** Distinct codes a stripe holds; more (never seen on one route and method) count as unknown. */
    private static final int CAPACITY = 16;
    /** Where a stripe counts a 17th distinct code. */
    private static final int OVERFLOW = 2 * CAPACITY;
    private static final int EMPTY = -1;
    private static final int STRIPES = StripedCounts.STRIPES;

    /** Per stripe: keys at [0, CAPACITY), their counts at [CAPACITY, 2 * CAPACITY), then the overflow count. */
    private final AtomicReferenceArray<AtomicIntegerArray> stripes = new AtomicReferenceArray<>(STRIPES);
    /** Cumulative, codes ascending; written by drains only (under the roll lock). */
    private int[] codes = new int[0];
    private long[] totals = new long[0];

    /** Hot path: one more response with {@code status} (0 when none: the connection closed first). */
    void increment(int status) {
        int code = status >= 100 && status <= 599 ? status : MethodStats.UNKNOWN_STATUS;
        int s = (int) Thread.currentThread().getId() & (STRIPES - 1);
        AtomicIntegerArray table = stripes.get(s);
        if (table == null) {
            table = newStripe(s);
        }
        int i = code & (CAPACITY - 1);
        for (int probe = 0; probe < CAPACITY; probe++, i = (i + 1) & (CAPACITY - 1)) {
            int key = table.get(i);
            if (key == code || (key == EMPTY && (table.compareAndSet(i, EMPTY, code) || table.get(i) == code))) {
                table.getAndIncrement(CAPACITY + i);
                return;
            }
        }
        table.getAndIncrement(OVERFLOW);
    }

    private AtomicIntegerArray newStripe(int s) {
        AtomicIntegerArray table = new AtomicIntegerArray(2 * CAPACITY + 1);
        for (int i = 0; i < CAPACITY; i++) {
            table.set(i, EMPTY);
        }
        stripes.compareAndSet(s, null, table);
        return stripes.get(s);
    }

    /** Adds what was counted since the last drain to the cumulative totals. */
    void drain() {
        for (int s = 0; s < STRIPES; s++) {
            AtomicIntegerArray table = stripes.get(s);
            if (table == null) {
                continue;
            }
            for (int i = 0; i < CAPACITY; i++) {
                int code = table.get(i);
                if (code != EMPTY && table.get(CAPACITY + i) != 0) {
                    add(code, table.getAndSet(CAPACITY + i, 0));
                }
            }
            if (table.get(OVERFLOW) != 0) {
                add(MethodStats.UNKNOWN_STATUS, table.getAndSet(OVERFLOW, 0));
            }
        }
    }

    private void add(int code, long n) {
        int at = Arrays.binarySearch(codes, code);
        if (at < 0) {
            at = -at - 1;
            int[] c = new int[codes.length + 1];
            long[] t = new long[totals.length + 1];
            System.arraycopy(codes, 0, c, 0, at);
            System.arraycopy(totals, 0, t, 0, at);
            System.arraycopy(codes, at, c, at + 1, codes.length - at);
            System.arraycopy(totals, at, t, at + 1, totals.length - at);
            c[at] = code;
            codes = c;
            totals = t;
        }
        totals[at] += n;
    }

    /** Adds the cumulative counts to {@code into} and empties them (call after a drain). */
    void moveTo(StatusCounts into) {
        for (int i = 0; i < codes.length; i++) {
            into.add(codes[i], totals[i]);
        }
        codes = new int[0];
        totals = new long[0];
    }

    /** Whether every response counted so far (drained) was a 404, and there was at least one. */
    boolean onlyNotFound() {
        return codes.length == 1 && codes[0] == 404;
    }

    /** The codes seen, ascending (0 first: no status), and their cumulative counts: copies. */
    int[] codes() {
        return codes.clone();
    }

    long[] totals() {
        return totals.clone();
    }
}

package io.healthagent.metrics;

import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.IntCountsHistogram;
import org.HdrHistogram.PackedHistogram;

/**
 * Request durations over a sliding window. Writers record into a {@link StripedLatencyRecorder}
 * (one atomic increment, no allocation); {@link #roll} moves what was recorded since the last roll into
 * the time slot of "now", an HdrHistogram. The window is the current slot plus the previous
 * {@code slotCount - 1}.
 *
 * <p>Memory: slots are HdrHistogram's {@link PackedHistogram}, which stores only the buckets in use (a
 * route's durations fill a few dozen of its 3,328 buckets: hundreds of bytes, where a full array of counts
 * is 13 KB). A slot leaving the window is reset and kept as the one spare for the next slot, so a busy route
 * allocates nothing at steady state, and an idle route holds only its spare and its recorder.
 */
final class LatencyWindow {
    /** Durations are recorded in microseconds; longer requests (long streams) count as one hour. */
    static final long MAX_MICROS = 3_600_000_000L;
    private static final int SIGNIFICANT_DIGITS = 2;

    private final long slotMillis;
    private final AbstractHistogram[] slots;
    private final long[] slotIds;
    /** A slot that left the window, reset, for the next one. */
    private AbstractHistogram spare;
    private long cumulativeCount;
    private double cumulativeMicros;

    LatencyWindow(long slotMillis, int slotCount) {
        this.slotMillis = slotMillis;
        this.slots = new AbstractHistogram[slotCount];
        this.slotIds = new long[slotCount];
    }

    /** Int counts: half the memory of long counts, and an interval never sees 2^31 requests. */
    static AbstractHistogram newScratch() {
        return new IntCountsHistogram(1, MAX_MICROS, SIGNIFICANT_DIGITS);
    }

    private AbstractHistogram newSlot() {
        AbstractHistogram h = spare;
        if (h != null) {
            spare = null;
            return h;
        }
        return new PackedHistogram(1, MAX_MICROS, SIGNIFICANT_DIGITS);
    }

    /** Adds durations recorded since the last roll (a route's, or all routes' for the global window) to the slot of now. */
    synchronized void add(long nowMillis, AbstractHistogram durations) {
        long count = durations.getTotalCount();
        long id = nowMillis / slotMillis;
        int i = (int) (id % slots.length);
        for (int s = 0; s < slots.length; s++) { // slots that left the window: one is kept as the spare
            if (slots[s] != null && slotIds[s] <= id - slots.length) {
                if (spare == null) {
                    slots[s].reset();
                    spare = slots[s];
                }
                slots[s] = null;
            }
        }
        if (count > 0) {
            if (slots[i] == null || slotIds[i] != id) {
                if (slots[i] != null && spare == null) { // still in the window's ring but of another id
                    slots[i].reset();
                    spare = slots[i];
                }
                slots[i] = newSlot();
                slotIds[i] = id;
            }
            slots[i].add(durations);
            cumulativeCount += count;
            cumulativeMicros += durations.getMean() * count;
        }
    }

    /** Adds the window's durations to {@code into} (which the caller resets). */
    synchronized void addWindowTo(long nowMillis, AbstractHistogram into) {
        long id = nowMillis / slotMillis;
        for (int s = 0; s < slots.length; s++) {
            if (slots[s] != null && slotIds[s] > id - slots.length && slotIds[s] <= id) {
                into.add(slots[s]);
            }
        }
    }

    /** Adds this window's slots and cumulative figures to {@code into}'s, and empties this one. */
    synchronized void moveTo(LatencyWindow into) {
        for (int s = 0; s < slots.length; s++) {
            if (slots[s] != null) {
                into.addSlot(slotIds[s], slots[s]);
                slots[s] = null;
            }
        }
        into.addCumulative(cumulativeCount, cumulativeMicros);
        cumulativeCount = 0;
        cumulativeMicros = 0;
    }

    private synchronized void addSlot(long id, AbstractHistogram durations) {
        int i = (int) (id % slots.length);
        if (slots[i] != null && slotIds[i] > id) {
            return; // older than what this window holds there: already out of it
        }
        if (slots[i] == null || slotIds[i] != id) {
            slots[i] = newSlot();
            slots[i].reset();
            slotIds[i] = id;
        }
        slots[i].add(durations);
    }

    private synchronized void addCumulative(long count, double micros) {
        cumulativeCount += count;
        cumulativeMicros += micros;
    }

    synchronized long cumulativeCount() {
        return cumulativeCount;
    }

    synchronized double cumulativeSeconds() {
        return cumulativeMicros / 1_000_000.0;
    }
}

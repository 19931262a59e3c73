package io.healthagent.metrics;

import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.IntCountsHistogram;

/**
 * Request durations over a sliding window. Writers record into a {@link StripedLatencyRecorder}
 * (one atomic increment, no allocation); {@link #roll} moves what was recorded since the last roll into
 * the time slot of "now", an HdrHistogram. The window is the current slot plus the previous
 * {@code slotCount - 1}.
 *
 * <p>Slots are allocated when traffic arrives and dropped when they leave the window, so an idle
 * route costs only its recorder.
 */
final class LatencyWindow {
    /** Durations are recorded in microseconds; longer requests (long streams) count as one hour. */
    static final long MAX_MICROS = 3_600_000_000L;
    private static final int SIGNIFICANT_DIGITS = 2;

    /** null for a window that is only fed by others' intervals (the global one). */
    private final StripedLatencyRecorder recorder;
    private final long slotMillis;
    private final AbstractHistogram[] slots;
    private final long[] slotIds;
    private final AbstractHistogram interval;
    private long cumulativeCount;
    private double cumulativeMicros;

    LatencyWindow(long slotMillis, int slotCount, boolean recorded) {
        this.recorder = recorded ? new StripedLatencyRecorder() : null;
        this.interval = recorded ? newScratch() : null;
        this.slotMillis = slotMillis;
        this.slots = new AbstractHistogram[slotCount];
        this.slotIds = new long[slotCount];
    }

    /** Int counts: half the memory of long counts, and a slot never sees 2^31 requests. */
    static AbstractHistogram newScratch() {
        return new IntCountsHistogram(1, MAX_MICROS, SIGNIFICANT_DIGITS);
    }

    /** Hot path. */
    void record(long micros) {
        recorder.record(micros < 1 ? 1 : (micros > MAX_MICROS ? MAX_MICROS : micros));
    }

    /**
     * Moves what was recorded since the previous roll into the slot of {@code nowMillis}.
     * @return those durations; valid until the next roll
     */
    synchronized AbstractHistogram roll(long nowMillis) {
        interval.reset();
        recorder.drainInto(interval);
        add(nowMillis, interval);
        return interval;
    }

    /** Adds durations recorded elsewhere (a route's interval, for the global window) to the slot of now. */
    synchronized void add(long nowMillis, AbstractHistogram durations) {
        long count = durations.getTotalCount();
        long id = nowMillis / slotMillis;
        int i = (int) (id % slots.length);
        for (int s = 0; s < slots.length; s++) { // free slots that left the window
            if (slots[s] != null && slotIds[s] <= id - slots.length) {
                slots[s] = null;
            }
        }
        if (count > 0) {
            if (slots[i] == null || slotIds[i] != id) {
                slots[i] = newScratch();
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

    synchronized long cumulativeCount() {
        return cumulativeCount;
    }

    synchronized double cumulativeSeconds() {
        return cumulativeMicros / 1_000_000.0;
    }
}

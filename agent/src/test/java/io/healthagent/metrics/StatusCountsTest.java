package io.healthagent.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusCountsTest {

    @Test
    void codesAreCountedApartAndAscendingWithNoStatusFirst() {
        StatusCounts c = new StatusCounts();
        for (int status : new int[] {503, 200, 200, 0, 404, 200, 700, 216}) c.increment(status); // 216 collides with 200's slot
        c.drain();
        c.increment(200);
        c.drain();
        assertArrayEquals(new int[] {0, 200, 216, 404, 503}, c.codes());
        assertArrayEquals(new long[] {2, 4, 1, 1, 1}, c.totals(), "0 and an out-of-range code are unknown");
    }

    /** More distinct codes than a stripe holds: the rest count as unknown, none is lost. */
    @Test
    void aSeventeenthCodeCountsAsUnknown() {
        StatusCounts c = new StatusCounts();
        for (int status = 200; status < 220; status++) c.increment(status);
        c.drain();
        assertEquals(20, Arrays.stream(c.totals()).sum());
        assertEquals(MethodStats.UNKNOWN_STATUS, c.codes()[0]);
        assertEquals(4, c.totals()[0], "four codes past the sixteenth: " + Arrays.toString(c.codes()));
    }

    @Test
    void concurrentWritersLoseNothing() throws Exception {
        StatusCounts c = new StatusCounts();
        int threads = 6;
        int perThread = 100_000;
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread w = new Thread(() -> {
                for (int i = 0; i < perThread; i++) c.increment(i % 10 == 0 ? 503 : 200);
            });
            w.start();
            writers.add(w);
        }
        while (writers.stream().anyMatch(Thread::isAlive)) c.drain();
        for (Thread w : writers) w.join();
        c.drain();
        assertArrayEquals(new int[] {200, 503}, c.codes());
        assertArrayEquals(new long[] {threads * perThread * 9L / 10, threads * perThread / 10L}, c.totals());
    }
}

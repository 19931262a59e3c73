package io.healthagent.trends;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SeriesTest {
    @Test
    void theRingGrowsThenKeepsTheNewestPointsAndTheLineThroughThem() {
        Series s = new Series(Long.MAX_VALUE / 4);
        for (int i = 0; i < 5000; i++) s.add(i * 1000L, 2.0 * i); // 2 units per second
        assertEquals(Series.CAPACITY, s.size());
        assertEquals(9998.0, s.last(), 0);
        Series.Fit f = s.fit(0, 5_000_000, 5);
        assertEquals(Series.CAPACITY, f.points, "the oldest points left the ring");
        assertEquals(2.0, f.slope, 1e-9);
        assertEquals(1.0, f.r2, 1e-12);
        assertEquals(2.0 * (5000 - 1 - 4095 / 2.0), f.mean, 1e-6);
    }

    @Test
    void pointsOlderThanTheWindowLeave() {
        Series s = new Series(10_000);
        for (int i = 0; i < 100; i++) s.add(i * 1000L, i);
        assertEquals(11, s.size(), "the last 10 s, both ends included");
        assertEquals(94.0, s.median(89_000, 99_000), 0);
    }
}

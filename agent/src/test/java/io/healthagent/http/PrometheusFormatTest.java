package io.healthagent.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Cumulative values are printed exactly, so rate() of a _sum stays smooth after days of uptime. */
class PrometheusFormatTest {
    @Test
    void numbersAreExact() {
        assertEquals("123456.789012345", PrometheusFormat.number(123456.789012345), "a _sum after days: every digit");
        assertEquals("1000000", PrometheusFormat.number(1_000_000), "whole numbers without a fraction");
        assertEquals("0.25", PrometheusFormat.number(0.25));
        assertEquals("NaN", PrometheusFormat.number(Double.NaN));
        assertEquals("+Inf", PrometheusFormat.number(Double.POSITIVE_INFINITY));
        Random random = new Random(42);
        for (int i = 0; i < 10_000; i++) {
            double v = random.nextDouble() * Math.pow(10, random.nextInt(12));
            assertEquals(v, Double.parseDouble(PrometheusFormat.number(v)), 0.0, "reads back exactly: " + v);
        }
    }
}

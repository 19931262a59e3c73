package io.healthagent.trends;

/**
 * Recent samples of one figure, (time, value), oldest first, in a ring that keeps the last
 * {@code maxAgeMillis} (and at most {@value #CAPACITY} points). The ring starts small and doubles as the
 * window fills (an hour at the default 10 s interval is 360 points). Used by the monitor thread only.
 */
final class Series {
    static final int CAPACITY = 4096;

    private final long maxAgeMillis;
    private long[] at = new long[16];
    private double[] values = new double[16];
    private int start;
    private int size;

    Series(long maxAgeMillis) {
        this.maxAgeMillis = maxAgeMillis;
    }

    void add(long atMillis, double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) return;
        if (size > 0 && atMillis <= at[index(size - 1)]) return; // one point per moment, in order
        if (size == at.length && size < CAPACITY) grow();
        if (size == at.length) {
            start = (start + 1) % at.length;
            size--;
        }
        at[index(size)] = atMillis;
        values[index(size)] = value;
        size++;
        while (size > 0 && atMillis - at[start] > maxAgeMillis) {
            start = (start + 1) % at.length;
            size--;
        }
    }

    private void grow() {
        long[] newAt = new long[Math.min(CAPACITY, at.length * 2)];
        double[] newValues = new double[newAt.length];
        for (int i = 0; i < size; i++) {
            newAt[i] = at[index(i)];
            newValues[i] = values[index(i)];
        }
        at = newAt;
        values = newValues;
        start = 0;
    }

    private int index(int i) {
        return (start + i) % at.length;
    }

    int size() {
        return size;
    }

    double last() {
        return size == 0 ? Double.NaN : values[index(size - 1)];
    }

    /** Least squares over the points in [from, to]; null with fewer than {@code minPoints}. */
    Fit fit(long fromMillis, long toMillis, int minPoints) {
        int n = 0;
        double sumT = 0;
        double sumV = 0;
        long first = 0;
        long lastAt = 0;
        for (int i = 0; i < size; i++) {
            long t = at[index(i)];
            if (t < fromMillis || t > toMillis) continue;
            if (n == 0) first = t;
            lastAt = t;
            n++;
            sumT += (t - fromMillis) / 1000.0;
            sumV += values[index(i)];
        }
        if (n < minPoints) return null;
        double meanT = sumT / n;
        double meanV = sumV / n;
        double stt = 0;
        double stv = 0;
        double svv = 0;
        for (int i = 0; i < size; i++) {
            long t = at[index(i)];
            if (t < fromMillis || t > toMillis) continue;
            double dt = (t - fromMillis) / 1000.0 - meanT;
            double dv = values[index(i)] - meanV;
            stt += dt * dt;
            stv += dt * dv;
            svv += dv * dv;
        }
        double slope = stt == 0 ? 0 : stv / stt;
        // A flat series is perfectly explained by a flat line.
        double r2 = svv == 0 ? 1 : stt == 0 ? 0 : (stv * stv) / (stt * svv);
        double valueAtTo = meanV + slope * ((toMillis - fromMillis) / 1000.0 - meanT);
        return new Fit(slope, r2, n, (lastAt - first) / 1000.0, meanV, valueAtTo);
    }

    /** The median of the points in [from, to], NaN when there are none. */
    double median(long fromMillis, long toMillis) {
        double[] in = new double[size];
        int n = 0;
        for (int i = 0; i < size; i++) {
            long t = at[index(i)];
            if (t >= fromMillis && t <= toMillis) in[n++] = values[index(i)];
        }
        if (n == 0) return Double.NaN;
        java.util.Arrays.sort(in, 0, n);
        return n % 2 == 1 ? in[n / 2] : (in[n / 2 - 1] + in[n / 2]) / 2;
    }

    /** The mean of the points in [from, to], NaN when there are none. */
    double mean(long fromMillis, long toMillis) {
        double sum = 0;
        int n = 0;
        for (int i = 0; i < size; i++) {
            long t = at[index(i)];
            if (t >= fromMillis && t <= toMillis) {
                sum += values[index(i)];
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** A straight line through a series' points. */
    static final class Fit {
        /** Units per second. */
        final double slope;
        /** Share of the variance the line explains, 0 to 1. */
        final double r2;
        final int points;
        final double spanSeconds;
        final double mean;
        /** The line's value at the end of the range. */
        final double now;

        Fit(double slope, double r2, int points, double spanSeconds, double mean, double now) {
            this.slope = slope;
            this.r2 = r2;
            this.points = points;
            this.spanSeconds = spanSeconds;
            this.mean = mean;
            this.now = now;
        }
    }
}

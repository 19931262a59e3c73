package io.healthagent.store;

import java.util.ArrayList;
import java.util.List;

/**
 * This run's samples in the agent's heap, for when the history store's file cannot be used (a read-only
 * file system, a JDK that refuses SQLite's native code, a full disk): /health/history and the reports read
 * these while the file is away, so that they answer for the life of the process, though nothing of it
 * survives a restart. The newest {@value #CAPACITY} samples (six hours at the default interval), held as
 * columns: 0.5 MB when full, nothing at all until the store first fails.
 */
final class MemoryHistory {
    static final int CAPACITY = 4_320;
    private static final int REQUESTS = HistoryStore.METRICS.indexOf("requests");
    private static final int ERRORS = HistoryStore.METRICS.indexOf("errors");
    private static final int SCORE = HistoryStore.METRICS.indexOf("score");
    private static final int READY = HistoryStore.METRICS.indexOf("ready");
    private static final int STATUS = HistoryStore.METRICS.indexOf("status");

    private final long[] ts = new long[CAPACITY];
    private final double[][] columns = new double[HistoryStore.METRICS.size()][CAPACITY];
    /** Where the next sample goes, and how many there are. */
    private int next;
    private int size;

    /** @param row one value per {@link HistoryStore#METRICS}, in order */
    synchronized void add(long seconds, double[] row) {
        ts[next] = seconds;
        for (int c = 0; c < columns.length; c++) columns[c][next] = row[c];
        next = (next + 1) % CAPACITY;
        size = Math.min(size + 1, CAPACITY);
    }

    /** As {@link HistoryStore#history}: one metric since {@code since}, averaged (requests, errors: summed) per step. */
    synchronized List<double[]> history(String metric, long since, long step) {
        int c = HistoryStore.METRICS.indexOf(metric);
        boolean sum = c == REQUESTS || c == ERRORS;
        List<double[]> out = new ArrayList<>();
        long bucket = Long.MIN_VALUE;
        double total = 0;
        int n = 0;
        for (int k = 0; k < size; k++) { // oldest first: samples arrive in time order
            int i = (next - size + k + CAPACITY) % CAPACITY;
            if (ts[i] < since) continue;
            long b = (ts[i] / step) * step;
            if (b != bucket && n > 0) {
                out.add(new double[] {bucket, sum ? total : total / n});
                total = 0;
                n = 0;
            }
            bucket = b;
            total += columns[c][i];
            n++;
        }
        if (n > 0) out.add(new double[] {bucket, sum ? total : total / n});
        return out;
    }

    /** As {@link HistoryStore#period}: every sample here stands for one check interval. */
    synchronized HistoryStore.PeriodFigures period(long from, long to, long intervalSeconds) {
        HistoryStore.PeriodFigures f = new HistoryStore.PeriodFigures();
        double w = Math.max(1, intervalSeconds);
        double scores = 0;
        double min = Double.NaN;
        for (int k = 0; k < size; k++) {
            int i = (next - size + k + CAPACITY) % CAPACITY;
            if (ts[i] < from || ts[i] > to) continue;
            f.rows++;
            f.coveredSeconds += w;
            f.readySeconds += columns[READY][i] * w;
            int status = (int) Math.round(columns[STATUS][i]);
            if (status >= 0 && status < f.statusSeconds.length) f.statusSeconds[status] += w;
            scores += columns[SCORE][i];
            min = Double.isNaN(min) ? columns[SCORE][i] : Math.min(min, columns[SCORE][i]);
            f.requests += (long) columns[REQUESTS][i];
            f.errors += (long) columns[ERRORS][i];
        }
        if (f.rows > 0) {
            f.scoreAverage = scores / f.rows;
            f.scoreMin = min;
        }
        f.p95 = line(HistoryStore.METRICS.indexOf("p95"), from, to);
        f.errorRate = line(HistoryStore.METRICS.indexOf("error_rate"), from, to);
        return f;
    }

    /** The least-squares line {@link HistoryStore} fits in SQL, over the samples with requests. */
    private double[] line(int c, long from, long to) {
        long n = 0;
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        long first = Long.MAX_VALUE, last = Long.MIN_VALUE;
        for (int k = 0; k < size; k++) {
            int i = (next - size + k + CAPACITY) % CAPACITY;
            if (ts[i] < from || ts[i] > to || columns[REQUESTS][i] <= 0 || Double.isNaN(columns[c][i])) continue;
            double x = (ts[i] - from) / 3600.0;
            double y = columns[c][i];
            n++;
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
            first = Math.min(first, ts[i]);
            last = Math.max(last, ts[i]);
        }
        return HistoryStore.fit(n, sx / n, sy / n, sxx / n, sxy / n, n == 0 ? 0 : last - first);
    }
}

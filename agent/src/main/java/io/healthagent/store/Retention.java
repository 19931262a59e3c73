package io.healthagent.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Round-robin archives, after JavaMelody's: samples at full resolution for 24 hours, then one row per
 * minute (averages; requests and errors summed) for 7 days, then one per hour for 90 days, then gone.
 * Cut-offs are aligned to whole minutes and hours so that a bucket is always built from all its rows.
 */
final class Retention {
    static final long MINUTE = 60;
    static final long HOUR = 3_600;
    static final long FULL_FOR = HistoryStore.DAY;
    static final long MINUTES_FOR = 7 * HistoryStore.DAY;
    static final long HOURS_FOR = 90 * HistoryStore.DAY;

    private static final String AVERAGES = "AVG(cpu), AVG(memory), AVG(disk), AVG(connections), AVG(p50), AVG(p95),"
            + " AVG(p99), AVG(average), AVG(error_rate), SUM(requests), SUM(errors), AVG(websocket), AVG(score), AVG(ready),"
            + " AVG(status)";

    private Retention() {
    }

    static void apply(Connection c, long nowSeconds) throws SQLException {
        try (Statement s = c.createStatement()) {
            long fullCut = (nowSeconds - FULL_FOR) / MINUTE * MINUTE;
            roll(s, 0, MINUTE, fullCut);
            long minuteCut = (nowSeconds - MINUTES_FOR) / HOUR * HOUR;
            roll(s, MINUTE, HOUR, minuteCut);
            s.executeUpdate("DELETE FROM samples WHERE resolution = " + HOUR + " AND ts < " + (nowSeconds - HOURS_FOR));
        }
    }

    /** Rows of {@code from} older than {@code cut} become rows of {@code to}. */
    private static void roll(Statement s, long from, long to, long cut) throws SQLException {
        s.executeUpdate("INSERT OR REPLACE INTO samples (resolution, ts, cpu, memory, disk, connections, p50, p95, p99,"
                + " average, error_rate, requests, errors, websocket, score, ready, status) SELECT " + to + ", (ts / " + to + ") * " + to + ", " + AVERAGES
                + " FROM samples WHERE resolution = " + from + " AND ts < " + cut + " GROUP BY ts / " + to);
        s.executeUpdate("DELETE FROM samples WHERE resolution = " + from + " AND ts < " + cut);
    }
}

package io.healthagent.store;

import io.healthagent.AgentLog;
import io.healthagent.model.AlertHistoryEntry;
import io.healthagent.model.AlertSeverity;
import io.healthagent.model.AlertTransition;
import io.healthagent.model.HealthAlert;
import io.healthagent.model.PerformanceMetrics;
import io.healthagent.model.StoreStatus;
import io.healthagent.monitor.HealthSnapshot;
import io.healthagent.monitor.SnapshotSubscriber;
import io.healthagent.sqlite.SqliteDriver;
import java.lang.reflect.Method;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.text.SimpleDateFormat;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TimeZone;

/**
 * The history store: one SQLite file at {@code store.path}, written by this subscriber's own thread (never
 * the request path, never the monitor), one transaction per snapshot, in WAL mode so that a reader never
 * blocks it and a {@code kill -9} loses nothing committed.
 *
 * <ul>
 *   <li>{@code samples}: one row per snapshot (the specification's performance history: cpu, memory, disk,
 *       connections, p50/p95/p99/average, error rate, requests and errors since the previous row); after
 *       24 h rows become per-minute averages, after 7 days per-hour, and after 90 days they are deleted.</li>
 *   <li>{@code alerts} and {@code transitions}: every alert and each of its changes.</li>
 *   <li>The file never grows past {@code store.max_size} (SQLite's {@code max_page_count}); when it is full
 *       the oldest samples go first.</li>
 * </ul>
 *
 * A store that cannot be used (an unwritable directory, a full disk, a file another process holds, native
 * code not permitted) leaves the agent running in memory: {@link #status()} says why, one line is logged,
 * and it is tried again every {@value #RETRY_MILLIS} ms. A corrupt file is moved aside, never deleted.
 *
 * <p>A file belongs to one agent at a time: the agent holds an OS lock on {@code FILE.lock} while it runs.
 * An agent that finds it held (two JVMs started from one directory) writes a file of its own beside it,
 * {@code NAME-TAG.db} (its port), and says so in one line and in {@code agent.store.file}. Alerts carry the
 * service and instance that raised them, and an agent restores only its own service's.
 */
public final class HistoryStore implements SnapshotSubscriber {
    static final long RETRY_MILLIS = 5_000;
    static final long DAY = 86_400;
    private static final long MAINTENANCE_SECONDS = 600;
    private static final int BUSY_TIMEOUT_MILLIS = 1_000;
    /** Columns of samples, in order; /health/history's metric names. */
    public static final List<String> METRICS = Collections.unmodifiableList(java.util.Arrays.asList(
            "cpu", "memory", "disk", "connections", "p50", "p95", "p99", "average", "error_rate", "requests", "errors",
            "websocket", "score", "ready", "status"));
    /** The two integer columns, counts since the previous row. */
    private static final int REQUESTS = METRICS.indexOf("requests");
    private static final int ERRORS = METRICS.indexOf("errors");


    /** The file asked for ({@code store.path}), and the one this agent holds (the same unless another agent holds that). */
    private final Path wanted;
    private Path path;
    private FileChannel lock;
    private final String service;
    private final java.util.function.Supplier<String> instance;
    private final String tag;
    private final long maxBytes;
    private volatile StoreStatus status = StoreStatus.unavailable("not opened yet");
    private Connection writer;
    private long lastAttemptMillis;
    private long lastMaintenanceSeconds;
    private long previousRequests;
    private long previousErrors;
    /** Alert sequence to the number of its transitions already written. */
    private final Map<Long, Integer> written = new HashMap<>();
    private String lastLogged;
    /** This run's samples while the file could not be used; null until it first could not. */
    private MemoryHistory memory;

    public HistoryStore(Path path, long maxBytes) {
        this(path, maxBytes, "stream-server", () -> "", "2");
    }

    /**
     * @param service  whose alerts this agent writes and restores
     * @param instance the instance name rows are written with
     * @param tag      what names this agent's own file when another agent holds {@code path} (its port)
     */
    public HistoryStore(Path path, long maxBytes, String service, java.util.function.Supplier<String> instance, String tag) {
        this.wanted = path.toAbsolutePath();
        this.path = wanted;
        this.maxBytes = maxBytes;
        this.service = service;
        this.instance = instance;
        this.tag = tag;
    }

    @Override
    public String name() {
        return "store";
    }

    public StoreStatus status() {
        return status;
    }

    /** Opens the file (once at start, then on retries). @return true when the store is usable */
    public synchronized boolean open() {
        lastAttemptMillis = System.currentTimeMillis();
        try {
            String refused = nativeAccessRefused();
            if (refused != null) {
                return unavailable(refused);
            }
            Files.createDirectories(path.getParent());
            if (lock == null) claim();
            Connection c;
            try {
                c = connect();
            } catch (SQLException e) {
                if (!isCorrupt(e)) throw e;
                moveAside();
                c = connect();
            }
            writer = c;
            status = StoreStatus.ok(path.toString());
            if (lastLogged != null) {
                AgentLog.info("history store " + path + " is available again");
                lastLogged = null;
            }
            return true;
        } catch (Exception e) {
            closeQuietly();
            return unavailable(reason(e));
        }
    }

    /**
     * Takes the file's lock, or, when another agent holds it, that of this agent's own file beside it. The
     * lock lives as long as the JVM (the channel is never closed): the OS releases it when the process ends,
     * however it ends.
     */
    private void claim() throws IOException {
        String name = wanted.getFileName().toString();
        int dot = name.lastIndexOf('.');
        Path own = wanted.resolveSibling(dot > 0 ? name.substring(0, dot) + "-" + tag + name.substring(dot) : name + "-" + tag);
        for (Path candidate : java.util.List.of(wanted, own)) {
            FileChannel channel = FileChannel.open(candidate.resolveSibling(candidate.getFileName() + ".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock held;
            try {
                held = channel.tryLock();
            } catch (OverlappingFileLockException sameJvm) {
                held = null;
            }
            if (held != null) {
                lock = channel;
                path = candidate;
                if (candidate != wanted) {
                    AgentLog.warn("history store " + wanted + " is held by another agent (its lock " + wanted.getFileName()
                            + ".lock is taken); this agent writes " + candidate);
                }
                return;
            }
            channel.close();
        }
        throw new IOException("both " + wanted + " and " + own + " are held by other agents");
    }

    private Connection connect() throws SQLException {
        Properties p = new Properties();
        p.setProperty("busy_timeout", String.valueOf(BUSY_TIMEOUT_MILLIS));
        Connection c = SqliteDriver.get().connect("jdbc:sqlite:" + path, p);
        try (Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("PRAGMA quick_check")) {
                String result = rs.next() ? rs.getString(1) : "no answer";
                if (!"ok".equals(result)) {
                    c.close();
                    throw new SQLException("quick_check: " + result, "corrupt", 11);
                }
            }
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("PRAGMA synchronous=NORMAL"); // with WAL: durable against a killed process
            s.execute("PRAGMA journal_size_limit=4194304");
            // SQLite's default page cache grows to 2 MB per connection in the host's native memory; the
            // agent reads small time ranges of a file the OS caches anyway.
            s.execute("PRAGMA cache_size=-256");
            try (ResultSet rs = s.executeQuery("PRAGMA page_size")) {
                long pageSize = rs.next() ? rs.getLong(1) : 4096;
                s.execute("PRAGMA max_page_count=" + Math.max(16, maxBytes / pageSize));
            }
            s.execute("CREATE TABLE IF NOT EXISTS samples (resolution INTEGER NOT NULL, ts INTEGER NOT NULL,"
                    + " cpu REAL, memory REAL, disk REAL, connections REAL, p50 REAL, p95 REAL, p99 REAL,"
                    + " average REAL, error_rate REAL, requests INTEGER, errors INTEGER,"
                    + " websocket REAL, PRIMARY KEY (resolution, ts)) WITHOUT ROWID");
            s.execute("CREATE INDEX IF NOT EXISTS samples_ts ON samples (ts)");
            addColumnIfMissing(s, "samples", "websocket", "REAL"); // files written before WebSocket connections were stored
            addColumnIfMissing(s, "samples", "score", "REAL"); // ... before the health score
            addColumnIfMissing(s, "samples", "ready", "REAL"); // ... before reports: 1 when the service could serve
            addColumnIfMissing(s, "samples", "status", "REAL"); // 0 healthy, 1 degraded, 2 unhealthy, 3 critical
            s.execute("CREATE TABLE IF NOT EXISTS alerts (seq INTEGER PRIMARY KEY, id TEXT NOT NULL,"
                    + " component TEXT NOT NULL, severity TEXT NOT NULL, message TEXT NOT NULL,"
                    + " raised_at INTEGER NOT NULL, resolved_at INTEGER)");
            addColumnIfMissing(s, "alerts", "service", "TEXT"); // files written before alerts carried their service
            addColumnIfMissing(s, "alerts", "instance", "TEXT");
            s.execute("CREATE TABLE IF NOT EXISTS transitions (seq INTEGER NOT NULL, n INTEGER NOT NULL,"
                    + " at INTEGER NOT NULL, from_level TEXT, to_level TEXT NOT NULL, value REAL,"
                    + " PRIMARY KEY (seq, n)) WITHOUT ROWID");
        } catch (SQLException e) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // reporting the first
            }
            throw e;
        }
        return c;
    }

    /** The alerts kept, newest first, at most {@code limit}: active ones come back active. */
    public synchronized List<AlertHistoryEntry> restoreAlerts(int limit) {
        List<AlertHistoryEntry> out = new ArrayList<>();
        if (writer == null) return out;
        try (PreparedStatement q = writer.prepareStatement(
                "SELECT seq, id, component, severity, message, raised_at, resolved_at FROM alerts WHERE service = ?"
                        + " ORDER BY seq DESC LIMIT ?");
             PreparedStatement t = writer.prepareStatement(
                     "SELECT at, from_level, to_level, value FROM transitions WHERE seq = ? ORDER BY n")) {
            q.setString(1, service);
            q.setInt(2, limit);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    long seq = rs.getLong(1);
                    List<AlertTransition> transitions = new ArrayList<>();
                    t.setLong(1, seq);
                    try (ResultSet tr = t.executeQuery()) {
                        while (tr.next()) {
                            double v = tr.getDouble(4);
                            transitions.add(new AlertTransition(tr.getLong(1), tr.getString(2), tr.getString(3),
                                    tr.wasNull() ? null : v));
                        }
                    }
                    long resolvedAt = rs.getLong(7);
                    boolean resolved = !rs.wasNull();
                    HealthAlert a = new HealthAlert(rs.getString(2), severity(rs.getString(4)), rs.getString(5),
                            rs.getString(3), rs.getLong(6), resolved);
                    out.add(new AlertHistoryEntry(a, resolved ? resolvedAt : null, Collections.unmodifiableList(transitions), seq));
                    written.put(seq, transitions.size());
                }
            }
        } catch (SQLException e) {
            unavailable(reason(e));
        }
        return out;
    }

    /** Errors per row of the last 24 hours: {Unix seconds, errors}, to refill total_errors_24h after a restart. */
    public synchronized List<long[]> restoreErrors(long nowSeconds) {
        List<long[]> out = new ArrayList<>();
        if (writer == null) return out;
        try (PreparedStatement q = writer.prepareStatement(
                "SELECT ts, errors FROM samples WHERE resolution = 0 AND ts > ? AND errors > 0 ORDER BY ts")) {
            q.setLong(1, nowSeconds - DAY);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) out.add(new long[] {rs.getLong(1), rs.getLong(2)});
            }
        } catch (SQLException e) {
            unavailable(reason(e));
        }
        return out;
    }

    @Override
    public synchronized void onSnapshot(HealthSnapshot s) {
        Sample sample = new Sample(s.takenAtMillis / 1000, s.report.performance, s.requests.all.totalCount,
                s.requests.all.totalErrors, s.websockets.total.connections_active, s.report.health_score, s.ready,
                s.report.status.severity());
        accept(sample, s.alertHistory);
    }

    /** Writes to the file, or, while it cannot be used, keeps the sample in memory. @return true when written */
    private boolean accept(Sample sample, List<AlertHistoryEntry> alerts) {
        if (writer == null && (System.currentTimeMillis() - lastAttemptMillis < RETRY_MILLIS || !open())) {
            keepInMemory(sample);
            return false;
        }
        try {
            writeMakingRoom(sample, alerts);
            return true;
        } catch (SQLException e) {
            closeQuietly();
            unavailable(reason(e));
            keepInMemory(sample);
            return false;
        }
    }

    /** Whether /health/history and reports read this run's samples in memory (the file cannot be used). */
    public synchronized boolean inMemory() {
        return writer == null && memory != null;
    }

    /** While the file cannot be used, this run's samples are kept in the heap, for /health/history and reports. */
    private void keepInMemory(Sample sample) {
        if (memory == null) memory = new MemoryHistory();
        memory.add(sample.ts, sample.row(previousRequests, previousErrors));
        previousRequests = sample.requests;
        previousErrors = sample.errors;
    }

    /** Writes; when the file is full (store.max_size or the disk), prunes the oldest samples and tries once more. */
    private void writeMakingRoom(Sample sample, List<AlertHistoryEntry> alerts) throws SQLException {
        try {
            write(sample, alerts);
        } catch (SQLException e) {
            if (!isFull(e)) throw e;
            pruneOldest();
            write(sample, alerts);
        }
    }

    /** One row of samples: a snapshot's figures. */
    static final class Sample {
        final long ts;
        final PerformanceMetrics p;
        /** Cumulative since the agent started (the row keeps the difference). */
        final long requests;
        final long errors;
        final long websockets;
        final double score;
        final boolean ready;
        final int status;

        /** The row's values, one per {@link #METRICS}, in order (requests and errors since the previous row). */
        double[] row(long previousRequests, long previousErrors) {
            return new double[] {p.cpu_usage_percent, p.memory_usage_percent, p.disk_usage_percent, p.network_connections,
                    p.response_times.p50_ms, p.response_times.p95_ms, p.response_times.p99_ms, p.response_times.average_ms,
                    p.error_rates.rate_1min, Math.max(0, requests - previousRequests), Math.max(0, errors - previousErrors),
                    websockets, score, ready ? 1 : 0, status};
        }

        Sample(long ts, PerformanceMetrics p, long requests, long errors, long websockets, double score, boolean ready,
               int status) {
            this.ts = ts;
            this.p = p;
            this.requests = requests;
            this.errors = errors;
            this.websockets = websockets;
            this.score = score;
            this.ready = ready;
            this.status = status;
        }
    }

    /**
     * One snapshot's rows in one transaction (and the retention pass when one is due).
     *
     * @param requests cumulative requests since the agent started (the row keeps the difference)
     * @param errors   cumulative errors since the agent started (likewise)
     */
    synchronized void write(Sample sample, List<AlertHistoryEntry> alerts) throws SQLException {
        long ts = sample.ts;
        PerformanceMetrics p = sample.p;
        long requests = sample.requests;
        long errors = sample.errors;
        writer.setAutoCommit(false);
        try {
            try (PreparedStatement ins = writer.prepareStatement("INSERT OR REPLACE INTO samples (resolution, ts, cpu, memory,"
                    + " disk, connections, p50, p95, p99, average, error_rate, requests, errors, websocket, score, ready, status)"
                    + " VALUES (0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ins.setLong(1, ts);
                double[] row = sample.row(previousRequests, previousErrors);
                for (int c = 0; c < row.length; c++) {
                    if (c == REQUESTS || c == ERRORS) ins.setLong(2 + c, (long) row[c]); else ins.setDouble(2 + c, row[c]);
                }
                ins.executeUpdate();
            }
            writeAlerts(alerts);
            if (ts - lastMaintenanceSeconds >= MAINTENANCE_SECONDS) {
                Retention.apply(writer, ts);
                lastMaintenanceSeconds = ts;
            }
            writer.commit();
            previousRequests = requests;
            previousErrors = errors;
            if (!status.ok()) {
                status = StoreStatus.ok(path.toString());
            }
        } catch (SQLException e) {
            try {
                writer.rollback();
            } catch (SQLException ignored) {
                // the connection is closed by the caller
            }
            throw e;
        } finally {
            try {
                writer.setAutoCommit(true);
            } catch (SQLException ignored) {
                // closed
            }
        }
    }

    private void writeAlerts(List<AlertHistoryEntry> history) throws SQLException {
        try (PreparedStatement up = writer.prepareStatement("INSERT OR REPLACE INTO alerts (seq, id, component, severity,"
                + " message, raised_at, resolved_at, service, instance) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
             PreparedStatement tr = writer.prepareStatement("INSERT OR REPLACE INTO transitions (seq, n, at, from_level,"
                     + " to_level, value) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (AlertHistoryEntry a : history) {
                Integer done = written.get(a.sequence());
                int have = done == null ? 0 : done;
                if (done != null && have == a.transitions.size() && a.resolved) {
                    continue; // resolved and fully written
                }
                up.setLong(1, a.sequence());
                up.setString(2, a.id);
                up.setString(3, a.component);
                up.setString(4, a.severity.wire());
                up.setString(5, a.message);
                up.setLong(6, a.timestamp);
                if (a.resolved_at == null) up.setNull(7, java.sql.Types.INTEGER); else up.setLong(7, a.resolved_at);
                up.setString(8, service);
                up.setString(9, instance.get());
                up.executeUpdate();
                if (done == null) {
                    // A row of this number not restored (another service's, in a file from elsewhere): its
                    // transitions must not become this alert's.
                    try (PreparedStatement clear = writer.prepareStatement("DELETE FROM transitions WHERE seq = ?")) {
                        clear.setLong(1, a.sequence());
                        clear.executeUpdate();
                    }
                }
                for (int n = have; n < a.transitions.size(); n++) {
                    AlertTransition t = a.transitions.get(n);
                    tr.setLong(1, a.sequence());
                    tr.setInt(2, n);
                    tr.setLong(3, t.at);
                    tr.setString(4, t.from);
                    tr.setString(5, t.to);
                    if (t.value == null) tr.setNull(6, java.sql.Types.REAL); else tr.setDouble(6, t.value);
                    tr.executeUpdate();
                }
                written.put(a.sequence(), a.transitions.size());
            }
        }
    }

    /** As a snapshot would be written, for benchmarks that fast-forward time. @return false when it failed */
    public synchronized boolean record(long ts, PerformanceMetrics p, long requests, long errors) {
        return record(ts, p, requests, errors, 0);
    }

    /** As {@link #record(long, PerformanceMetrics, long, long)}, with the WebSocket connections open. */
    public synchronized boolean record(long ts, PerformanceMetrics p, long requests, long errors, long websockets) {
        return accept(new Sample(ts, p, requests, errors, websockets, 100, true, 0), Collections.<AlertHistoryEntry>emptyList());
    }

    private static void addColumnIfMissing(Statement s, String table, String column, String type) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT count(*) FROM pragma_table_info('" + table + "') WHERE name = '"
                + column + "'")) {
            if (rs.next() && rs.getLong(1) > 0) return;
        }
        s.execute("ALTER TABLE " + table + " ADD COLUMN " + column + " " + type);
    }

    /** Rows per resolution (0, 60, 3600) and the file's size, for tests and benchmarks. */
    public synchronized Map<String, Long> sizes() throws SQLException, java.io.IOException {
        Map<String, Long> out = new LinkedHashMap<>();
        try (Statement st = writer.createStatement()) {
            for (long r : new long[] {0, Retention.MINUTE, Retention.HOUR}) {
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM samples WHERE resolution = " + r)) {
                    out.put("rows_" + r, rs.next() ? rs.getLong(1) : 0);
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT COALESCE(SUM(requests), 0) FROM samples")) {
                out.put("requests", rs.next() ? rs.getLong(1) : 0);
            }
            st.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        }
        out.put("file_bytes", Files.size(path));
        return out;
    }

    /** When the file is at store.max_size: the oldest tenth of the samples goes. */
    private void pruneOldest() throws SQLException {
        writer.setAutoCommit(true);
        try (Statement s = writer.createStatement()) {
            s.execute("DELETE FROM samples WHERE ts <= (SELECT ts FROM samples ORDER BY ts"
                    + " LIMIT 1 OFFSET (SELECT count(*) / 10 FROM samples))");
            s.execute("DELETE FROM transitions WHERE seq IN (SELECT seq FROM alerts WHERE resolved_at IS NOT NULL"
                    + " ORDER BY seq DESC LIMIT -1 OFFSET 1000)");
            s.execute("DELETE FROM alerts WHERE seq IN (SELECT seq FROM alerts WHERE resolved_at IS NOT NULL"
                    + " ORDER BY seq DESC LIMIT -1 OFFSET 1000)");
        }
    }

    /** Points of one metric since {@code since} (Unix seconds), averaged (requests, errors: summed) per step. */
    public List<double[]> history(String metric, long since, long step) throws SQLException {
        if (!METRICS.contains(metric)) throw new IllegalArgumentException(metric);
        String agg = metric.equals("requests") || metric.equals("errors") ? "SUM" : "AVG";
        synchronized (this) {
            if (writer == null && memory != null) return memory.history(metric, since, step);
            if (writer == null) throw new SQLException("history store unavailable: " + status.reason);
            List<double[]> out = new ArrayList<>();
            try (PreparedStatement q = writer.prepareStatement("SELECT (ts / ?) * ? AS b, " + agg + "(" + metric + ")"
                    + " FROM samples WHERE ts >= ? GROUP BY b ORDER BY b LIMIT 10000")) {
                q.setLong(1, step);
                q.setLong(2, step);
                q.setLong(3, since);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) out.add(new double[] {rs.getLong(1), rs.getDouble(2)});
                }
            }
            return out;
        }
    }

    /**
     * What a report needs of the samples of [from, to]: each row weighs the time it stands for (a
     * full-resolution row one check interval, a minute or hour row its minute or hour).
     */
    public synchronized PeriodFigures period(long from, long to, long intervalSeconds) throws SQLException {
        if (writer == null && memory != null) return memory.period(from, to, intervalSeconds);
        if (writer == null) throw new SQLException("history store unavailable: " + status.reason);
        String w = "(CASE resolution WHEN 0 THEN " + Math.max(1, intervalSeconds) + " ELSE resolution END)";
        PeriodFigures f = new PeriodFigures();
        try (PreparedStatement q = writer.prepareStatement("SELECT count(*), SUM(" + w + "), SUM(ready * " + w + "),"
                + " SUM(CASE WHEN ROUND(status) = 0 THEN " + w + " ELSE 0 END),"
                + " SUM(CASE WHEN ROUND(status) = 1 THEN " + w + " ELSE 0 END),"
                + " SUM(CASE WHEN ROUND(status) = 2 THEN " + w + " ELSE 0 END),"
                + " SUM(CASE WHEN ROUND(status) = 3 THEN " + w + " ELSE 0 END),"
                + " AVG(score), MIN(score) FROM samples WHERE ts >= ? AND ts <= ? AND ready IS NOT NULL")) {
            q.setLong(1, from);
            q.setLong(2, to);
            try (ResultSet rs = q.executeQuery()) {
                if (rs.next()) {
                    f.rows = rs.getLong(1);
                    f.coveredSeconds = rs.getDouble(2);
                    f.readySeconds = rs.getDouble(3);
                    for (int k = 0; k < 4; k++) f.statusSeconds[k] = rs.getDouble(4 + k);
                    f.scoreAverage = rs.getDouble(8);
                    if (rs.wasNull()) f.scoreAverage = Double.NaN;
                    f.scoreMin = rs.getDouble(9);
                    if (rs.wasNull()) f.scoreMin = Double.NaN;
                }
            }
        }
        try (PreparedStatement q = writer.prepareStatement(
                "SELECT COALESCE(SUM(requests), 0), COALESCE(SUM(errors), 0) FROM samples WHERE ts >= ? AND ts <= ?")) {
            q.setLong(1, from);
            q.setLong(2, to);
            try (ResultSet rs = q.executeQuery()) {
                if (rs.next()) {
                    f.requests = rs.getLong(1);
                    f.errors = rs.getLong(2);
                }
            }
        }
        f.p95 = line("p95", from, to);
        f.errorRate = line("error_rate", from, to);
        return f;
    }

    /**
     * Least squares of a metric over [from, to] (rows with requests only): {points, mean, slope per hour}. The
     * slope is NaN unless the rows span {@value #MIN_TREND_SECONDS} s and number {@value #MIN_TREND_POINTS}: a
     * line through a few seconds, extrapolated to an hour, is noise.
     */
    private double[] line(String metric, long from, long to) throws SQLException {
        String x = "((ts - " + from + ") / 3600.0)";
        try (PreparedStatement q = writer.prepareStatement("SELECT count(*), AVG(" + x + "), AVG(" + metric + "), AVG("
                + x + " * " + x + "), AVG(" + x + " * " + metric + "), MAX(ts) - MIN(ts) FROM samples"
                + " WHERE ts >= ? AND ts <= ? AND requests > 0 AND " + metric + " IS NOT NULL")) {
            q.setLong(1, from);
            q.setLong(2, to);
            try (ResultSet rs = q.executeQuery()) {
                if (!rs.next()) return fit(0, 0, 0, 0, 0, 0);
                return fit(rs.getLong(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4), rs.getDouble(5), rs.getLong(6));
            }
        }
    }

    /**
     * {points, mean, slope per hour} from the means of x (hours), y, x² and xy over {@code n} points that span
     * {@code spanSeconds}: no slope over too short a span or too few points.
     */
    static double[] fit(long n, double mx, double my, double mxx, double mxy, long spanSeconds) {
        if (n == 0) return new double[] {0, Double.NaN, Double.NaN};
        if (n < MIN_TREND_POINTS || spanSeconds < MIN_TREND_SECONDS) return new double[] {n, my, Double.NaN};
        double vx = mxx - mx * mx;
        double cxy = mxy - mx * my;
        return new double[] {n, my, vx <= 0 ? Double.NaN : cxy / vx};
    }

    /** A report's trend needs samples over at least this long, and at least {@link #MIN_TREND_POINTS} of them. */
    public static final long MIN_TREND_SECONDS = 600;
    public static final int MIN_TREND_POINTS = 5;

    /** A period's figures from the samples (see {@link #period}). */
    public static final class PeriodFigures {
        public long rows;
        public double coveredSeconds;
        public double readySeconds;
        /** Seconds at each status: healthy, degraded, unhealthy, critical. */
        public final double[] statusSeconds = new double[4];
        public double scoreAverage = Double.NaN;
        public double scoreMin = Double.NaN;
        public long requests;
        public long errors;
        /** {points, mean, slope per hour}. */
        public double[] p95;
        public double[] errorRate;
    }

    /** Closes the file and lets another agent have it. */
    public synchronized void close() {
        closeQuietly();
        if (lock != null) {
            try {
                lock.close();
            } catch (IOException ignored) {
                // released with the process anyway
            }
            lock = null;
        }
    }

    private void closeQuietly() {
        if (writer != null) {
            try {
                writer.close();
            } catch (SQLException ignored) {
                // closing anyway
            }
            writer = null;
        }
    }

    private boolean unavailable(String reason) {
        status = StoreStatus.unavailable(reason);
        if (!reason.equals(lastLogged)) { // one line per distinct reason, not one per retry
            AgentLog.warn("history store " + path + " unavailable (" + reason + "); this run's history is kept in memory"
                    + " (the last " + MemoryHistory.CAPACITY + " samples), the service's health is not affected");
            lastLogged = reason;
        }
        return false;
    }

    /** A corrupt file is kept for a person to look at: moved aside with its WAL, never deleted. */
    private void moveAside() throws java.io.IOException {
        SimpleDateFormat f = new SimpleDateFormat("yyyyMMdd-HHmmss", Locale.ROOT);
        f.setTimeZone(TimeZone.getTimeZone("UTC"));
        Path aside = path.resolveSibling(path.getFileName() + ".corrupt-" + f.format(new Date()));
        Files.move(path, aside, StandardCopyOption.ATOMIC_MOVE);
        for (String suffix : new String[] {"-wal", "-shm"}) {
            Path extra = path.resolveSibling(path.getFileName() + suffix);
            if (Files.exists(extra)) Files.move(extra, aside.resolveSibling(aside.getFileName() + suffix));
        }
        AgentLog.warn("history store " + path + " was corrupt; moved aside to " + aside + " and started afresh");
    }

    private static boolean isCorrupt(SQLException e) {
        int code = e.getErrorCode() & 0xff;
        return code == 11 || code == 26; // SQLITE_CORRUPT, SQLITE_NOTADB
    }

    private static boolean isFull(SQLException e) {
        return (e.getErrorCode() & 0xff) == 13; // SQLITE_FULL: max_page_count or the disk
    }

    private static String reason(Exception e) {
        if (e instanceof SQLException) {
            int code = ((SQLException) e).getErrorCode() & 0xff;
            switch (code) {
                case 5: case 6: return "locked by another process";
                case 8: return "the file or its directory is read-only";
                case 13: return "the disk or store.max_size is full";
                case 14: return "cannot open the file (its directory is missing or not writable)";
                default: break;
            }
        }
        if (e instanceof java.nio.file.AccessDeniedException || e instanceof java.nio.file.FileSystemException) {
            return "cannot create " + e.getMessage() + " (permission denied or read-only file system)";
        }
        return AgentLog.describe(e);
    }

    /**
     * JDK 24 and later print a warning when code without native access loads a native library, and a
     * future JDK refuses. The store is then off, with this one line, unless the host has opted in.
     */
    static String nativeAccessRefused() {
        if (Runtime.version().feature() < 24) {
            return null;
        }
        try {
            Method enabled = Module.class.getMethod("isNativeAccessEnabled");
            if (Boolean.TRUE.equals(enabled.invoke(HistoryStore.class.getModule()))) {
                return null;
            }
        } catch (ReflectiveOperationException e) {
            return null;
        }
        return "SQLite is native code and this JDK restricts it; run the host with "
                + "--enable-native-access=ALL-UNNAMED to keep history";
    }

    private static AlertSeverity severity(String wire) {
        AlertSeverity s = AlertSeverity.ofWire(wire);
        return s != null ? s : AlertSeverity.WARNING;
    }
}

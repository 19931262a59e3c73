package io.healthagent.monitor;

import io.healthagent.alerts.AlertEngine;
import io.healthagent.bootstrap.AgentErrors;
import io.healthagent.checks.app.AppCheck;
import io.healthagent.checks.app.AppChecks;
import io.healthagent.checks.Check;
import io.healthagent.checks.CheckOutcome;
import io.healthagent.checks.ContainerFigures;
import io.healthagent.checks.Secrets;
import io.healthagent.config.OptionTable;
import io.healthagent.config.Options;
import io.healthagent.metrics.Measurements;
import io.healthagent.metrics.RequestStats;
import io.healthagent.metrics.RouteStats;
import io.healthagent.model.AgentInfo;
import io.healthagent.model.AlertHistoryEntry;
import io.healthagent.model.AlertSeverity;
import io.healthagent.model.Analysis;
import io.healthagent.model.CheckStatus;
import io.healthagent.model.HealthAlert;
import io.healthagent.model.HealthCheck;
import io.healthagent.model.HealthScore;
import io.healthagent.model.HealthStatus;
import io.healthagent.model.PerformanceMetrics;
import io.healthagent.model.ResponseTimeMetrics;
import io.healthagent.model.RouteFigures;
import io.healthagent.model.ServiceStatus;
import io.healthagent.model.NotificationStatus;
import io.healthagent.model.StoreStatus;
import io.healthagent.model.WebSocketStats;
import io.healthagent.store.HistoryStore;
import io.healthagent.trends.Analyzer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The agent's pipeline, on one daemon thread that never waits for anything but its next due time:
 *
 * <ol>
 *   <li>checks run on their own schedules on a bounded pool ({@link CheckScheduler}); the latest result of
 *       each is kept in its {@link CheckHistory};</li>
 *   <li>the request windows roll every {@value #ROLL_MILLIS} ms;</li>
 *   <li>every {@code check.interval}, and at once when a check's status changes, one immutable
 *       {@link HealthSnapshot} is assembled from the latest results, stored for the endpoints and handed to
 *       the subscribers ({@link SnapshotPublisher}), each behind its own queue.</li>
 * </ol>
 *
 * The first snapshot comes as soon as every check has its first result, and at most
 * {@value #FIRST_SNAPSHOT_MILLIS} ms after start; a check still on its first run then shows as
 * {@code warn}. {@link #runDue} does one pass at the clock's time, so tests drive it with a fake clock.
 */
public final class HealthMonitor {
    static final long ROLL_MILLIS = 5_000;
    static final long FIRST_SNAPSHOT_MILLIS = 1_000;

    private final Options options;
    private final Measurements measurements;
    private final ServiceInfo service;
    private final Clock clock;
    private final List<Check> checks;
    /** The application's own checks as its framework modules find them; null when app_checks.enabled=false. */
    private volatile AppChecks appChecks;
    private final CheckScheduler scheduler;
    private final SnapshotPublisher publisher;
    private final Supplier<StoreStatus> storeStatus;
    private final Supplier<List<NotificationStatus>> notifications;
    private final ExecutorService pool;
    private final CheckHistory history = new CheckHistory();
    private final AlertEngine alerts;
    private final Analyzer analyzer;
    private final Map<String, CheckOutcome> lastOutcomes = new HashMap<>();
    private final Map<String, CheckStatus> published = new HashMap<>();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final long startNanos;
    private final long intervalNanos;
    private long nextRollNanos;
    private long nextSnapshotNanos;
    private long sequence;

    /** POST /health/checks/run: requests not taken yet, and those waiting for every check to answer. */
    private final Queue<CompletableFuture<HealthSnapshot>> runRequests = new ConcurrentLinkedQueue<>();
    private final List<CompletableFuture<HealthSnapshot>> runWaiting = new ArrayList<>();
    private final Set<String> runPending = new HashSet<>();

    private static final long CHECK_THREAD_IDLE_SECONDS = 2;
    private final Object wakeLock = new Object();
    private boolean woken;
    private volatile boolean stopped;
    private volatile HealthSnapshot latest;

    /**
     * @param checks system checks first, then the service and dependency checks, in report order
     * @param pool   runs the checks, with a thread for each (null: the monitor makes its own daemon pool)
     */
    public HealthMonitor(Options options, Measurements measurements, ServiceInfo service, List<Check> checks,
                         Secrets secrets, List<SnapshotSubscriber> subscribers, Clock clock, ExecutorService pool,
                         Supplier<StoreStatus> storeStatus, Supplier<List<NotificationStatus>> notifications) {
        this.storeStatus = storeStatus;
        this.notifications = notifications;
        this.options = options;
        this.measurements = measurements;
        this.service = service;
        this.clock = clock;
        this.checks = new java.util.concurrent.CopyOnWriteArrayList<>(checks);
        this.pool = pool != null ? pool : newPool(checks.size());
        this.publisher = new SnapshotPublisher(subscribers);
        this.alerts = new AlertEngine(options, StatusRules.REQUIRED_CHECKS);
        this.analyzer = new Analyzer(options, options.watchedDisk().toString());
        this.scheduler = new CheckScheduler(checks, new CheckScheduler.Timing() {
            @Override
            public long intervalMillis(String check) {
                return options.intervalOf(check).toMillis();
            }

            @Override
            public long timeoutMillis(String check) {
                return options.check(check).timeout.toMillis();
            }
        }, this.pool, clock, secrets, this::wake);
        this.startNanos = clock.nanos();
        this.intervalNanos = options.get(OptionTable.CHECK_INTERVAL).toNanos();
        this.nextRollNanos = startNanos + TimeUnit.MILLISECONDS.toNanos(ROLL_MILLIS);
        this.nextSnapshotNanos = startNanos + TimeUnit.MILLISECONDS.toNanos(FIRST_SNAPSHOT_MILLIS);
        AgentErrors.register("monitor");
    }

    /**
     * Threads made when a run starts and none is idle, gone after {@link #CHECK_THREAD_IDLE_SECONDS} idle:
     * checks take milliseconds every few seconds, so a host keeps no parked thread (and its stack) per check.
     * Room for twice as many as there are checks: the scheduler runs each check once at a time, and a run
     * that has just finished may not have handed its thread back yet when the next starts.
     */
    private static ExecutorService newPool(int threads) {
        AtomicInteger n = new AtomicInteger();
        return new ThreadPoolExecutor(0, 2 * Math.max(1, threads), CHECK_THREAD_IDLE_SECONDS, TimeUnit.SECONDS,
                new SynchronousQueue<>(), r -> {
                    Thread t = new Thread(r, "health-agent-check-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    /** Runs the application's own checks as they are found (and stops those that go). Call before {@link #start}. */
    public void watch(AppChecks found) {
        this.appChecks = found;
    }

    /** The application checks found or gone since the last pass join or leave the schedule and the report. */
    private void takeAppChecks() {
        AppChecks.Changes changes = appChecks.takeChanges();
        if (changes.isEmpty()) return;
        for (String name : changes.removed) {
            checks.removeIf(c -> c.name().equals(name));
            scheduler.remove(name);
            runPending.remove(name);
        }
        for (Check c : changes.added) {
            checks.add(c);
            scheduler.add(c);
        }
        if (pool instanceof ThreadPoolExecutor && ((ThreadPoolExecutor) pool).getMaximumPoolSize() < 2 * checks.size()) {
            ((ThreadPoolExecutor) pool).setMaximumPoolSize(2 * checks.size()); // a thread for each, as newPool gives
        }
    }

    public void start() {
        Thread t = new Thread(this::loop, "health-agent-monitor");
        t.setDaemon(true);
        t.start();
    }

    public void stop() {
        stopped = true;
        wake();
        pool.shutdownNow();
        publisher.stop();
    }

    /** Alerts kept by the store from before a restart: active ones come back active and are re-evaluated. */
    public void restoreAlerts(List<AlertHistoryEntry> newestFirst) {
        alerts.restore(newestFirst);
    }

    /** The recent samples from before a restart, for trends and forecasts. Call before {@link #start}. */
    public void seedAnalysis(HistoryStore store) {
        long now = clock.millis() / 1000;
        long step = Math.max(1, options.get(OptionTable.CHECK_INTERVAL).getSeconds());
        for (String metric : new String[] {"cpu", "memory", "disk", "p95", "error_rate"}) {
            try {
                analyzer.seed(metric, store.history(metric, now - options.get(OptionTable.FORECAST_WINDOW).getSeconds(), step));
            } catch (Exception e) {
                return; // the store says why in its status; trends start afresh
            }
        }
    }

    /**
     * The specification's {@code run_health_checks} then {@code analyze_and_alert}: every check runs now (one
     * still running is awaited, not started twice), and once each has answered (or timed out) a snapshot is
     * assembled, alerts judged and published, and given to the future.
     */
    public CompletableFuture<HealthSnapshot> runChecksNow() {
        CompletableFuture<HealthSnapshot> f = new CompletableFuture<>();
        runRequests.add(f);
        wake();
        return f;
    }

    /** The longest a run of every check can take: the longest timeout and the scheduler's grace. */
    public long longestCheckMillis() {
        long longest = 0;
        for (Check c : checks) longest = Math.max(longest, options.check(c.name()).timeout.toMillis());
        return longest + CheckScheduler.GRACE_MILLIS;
    }

    /** The latest snapshot, or null before the first one. */
    public HealthSnapshot latest() {
        return latest;
    }

    /** The interval between snapshots: liveness allows a few of them to be missed. */
    public long intervalMillis() {
        return options.get(OptionTable.CHECK_INTERVAL).toMillis();
    }

    /** Threads currently held by check runs (for tests and diagnostics). */
    public int busyCheckThreads() {
        return scheduler.busy();
    }

    private void loop() {
        while (!stopped) {
            long next;
            try {
                next = runDue();
            } catch (Throwable t) {
                AgentErrors.record("monitor", t);
                next = clock.nanos() + TimeUnit.SECONDS.toNanos(1);
            }
            AgentErrors.logPending(); // lines an error could not write when it happened (a full heap)
            awaitUntil(next);
        }
    }

    private void wake() {
        synchronized (wakeLock) {
            woken = true;
            wakeLock.notifyAll();
        }
    }

    private void awaitUntil(long dueNanos) {
        synchronized (wakeLock) {
            try {
                while (!woken && !stopped) {
                    long waitNanos = dueNanos - clock.nanos();
                    if (waitNanos <= 0) break;
                    TimeUnit.NANOSECONDS.timedWait(wakeLock, waitNanos);
                }
            } catch (InterruptedException e) {
                stopped = true;
            }
            woken = false;
        }
    }

    /**
     * One pass: takes finished check results, starts due checks, rolls the request windows when due, and
     * publishes a snapshot when one is due or a check's status changed. Never waits.
     *
     * @return when to call again (nanoTime)
     */
    long runDue() {
        if (appChecks != null) takeAppChecks();
        boolean changed = false;
        boolean runStarted = false;
        for (CompletableFuture<HealthSnapshot> f; (f = runRequests.poll()) != null; ) {
            if (runWaiting.isEmpty()) runStarted = true;
            runWaiting.add(f);
        }
        if (runStarted) {
            scheduler.dueNow();
            for (Check c : checks) runPending.add(c.name());
        }
        for (CheckScheduler.Finished f : scheduler.poll()) {
            runPending.remove(f.outcome.name);
            HealthCheck c = history.record(f.outcome, options.check(f.outcome.name).threshold, f.atMillis / 1000);
            if (!Double.isNaN(f.outcome.value)) {
                lastOutcomes.put(f.outcome.name, f.outcome);
            }
            changed |= published.get(c.name) != c.status;
        }
        long now = clock.nanos();
        if (now - nextRollNanos >= 0) {
            measurements.roll(clock.millis());
            long roll = TimeUnit.MILLISECONDS.toNanos(ROLL_MILLIS);
            nextRollNanos = now - nextRollNanos >= roll ? now + roll : nextRollNanos + roll;
        }
        if (!runWaiting.isEmpty() && runPending.isEmpty()) { // every check answered the on-demand run
            HealthSnapshot s = assemble();
            publish(s);
            for (CompletableFuture<HealthSnapshot> f : runWaiting) f.complete(s);
            runWaiting.clear();
        }
        boolean first = sequence == 0;
        boolean due = now - nextSnapshotNanos >= 0 || (first && everyCheckHasAResult());
        if (due || (changed && !first)) {
            publish(assemble());
            if (due) {
                nextSnapshotNanos = first ? now + intervalNanos
                        : now - nextSnapshotNanos >= intervalNanos ? now + intervalNanos : nextSnapshotNanos + intervalNanos;
            }
        }
        long next = scheduler.nextDueNanos();
        if (nextRollNanos - next < 0) next = nextRollNanos;
        if (nextSnapshotNanos - next < 0) next = nextSnapshotNanos;
        return next;
    }

    private boolean everyCheckHasAResult() {
        for (Check c : checks) {
            if (history.last(c.name()) == null) return false;
        }
        return true;
    }

    private void publish(HealthSnapshot snapshot) {
        latest = snapshot;
        for (HealthCheck c : snapshot.report.checks.values()) {
            published.put(c.name, c.status);
        }
        publisher.publish(snapshot);
    }

    private HealthSnapshot assemble() {
        long nowMillis = clock.millis();
        long nowSeconds = nowMillis / 1000;
        Map<String, HealthCheck> report = new LinkedHashMap<>();
        boolean requiredPending = false;
        Set<String> readiness = readinessChecks();
        for (Check check : checks) {
            HealthCheck c = history.last(check.name());
            if (c == null) {
                requiredPending |= readiness.contains(check.name());
                long ms = TimeUnit.NANOSECONDS.toMillis(clock.nanos() - startNanos);
                c = new HealthCheck(check.name(), CheckStatus.WARN, "no result yet: the first run started " + ms
                        + " ms ago", ms, null, null, 0, options.check(check.name()).threshold);
            }
            report.put(c.name, c);
        }
        RequestStats stats = measurements.requests.stats(nowMillis);
        WebSocketStats websockets = measurements.websockets.stats(nowMillis);
        CheckOutcome memory = lastOutcomes.get("memory");
        PerformanceMetrics performance = new PerformanceMetrics(
                (float) valueOf("cpu"),
                memory == null ? 0L : memory.usedBytes >> 20,
                (float) valueOf("memory"),
                (float) valueOf("disk_space"),
                (int) valueOf("network"),
                stats.responseTimes, stats.errorRates);
        ContainerFigures container = ContainerFigures.NONE;
        for (String systemCheck : new String[] {"cpu", "memory", "pids"}) {
            CheckOutcome o = lastOutcomes.get(systemCheck);
            if (o != null && o.container != null) container = o.container.or(container);
        }
        CheckOutcome disk = lastOutcomes.get("disk_space");
        Analysis analysis = analyzer.update(nowMillis, performance, disk == null ? 0 : disk.usedBytes, stats.windowCount);
        // Analysis against the thresholds, in the snapshot: its status depends on the alerts.
        List<HealthAlert> visibleAlerts = alerts.evaluate(nowMillis,
                new AlertEngine.Inputs(report.values(), performance, history::failureShare, container.oomKills, analysis));
        ServiceStatus status = StatusRules.evaluate(report.values(), visibleAlerts);
        HealthScore score = score(report.values(), visibleAlerts, stats);
        long seq = sequence + 1;
        AgentInfo agent = new AgentInfo(AgentErrors.total(), AgentErrors.counts(), storeStatus.get(), notifications.get(), seq,
                nowMillis);
        HealthStatus health = new HealthStatus(status, nowSeconds, service.name, service.version,
                Math.max(0, (nowMillis - service.startMillis) / 1000), Collections.unmodifiableMap(report), visibleAlerts,
                performance, routeFigures(stats), websockets, score, analysis, agent);
        long[] deadlocked = threads.findDeadlockedThreads();
        sequence = seq;
        // A required check that has not answered yet does not make the server ready.
        boolean ready = !requiredPending && StatusRules.isReady(report.values(), readiness);
        return new HealthSnapshot(health, stats, history.stats(), ready,
                deadlocked == null ? 0 : deadlocked.length, nowMillis, seq, alerts.lastChanges(), alerts.history(), container,
                failingLivenessChecks(report));
    }

    /** readiness.checks, and the application checks the application marks for readiness. */
    private Set<String> readinessChecks() {
        Set<String> named = options.get(OptionTable.READINESS_CHECKS);
        Set<String> out = named;
        for (Check check : checks) {
            if (check instanceof AppCheck && ((AppCheck) check).forReadiness() && !named.contains(check.name())) {
                if (out == named) out = new HashSet<>(named);
                out.add(check.name());
            }
        }
        return out;
    }

    /** With liveness.app_checks: the failing application checks the application marks for liveness. */
    private List<String> failingLivenessChecks(Map<String, HealthCheck> report) {
        if (!options.get(OptionTable.LIVENESS_APP_CHECKS)) return Collections.emptyList();
        List<String> failing = new ArrayList<>();
        for (Check check : checks) {
            HealthCheck c = report.get(check.name());
            if (check instanceof AppCheck && ((AppCheck) check).forLiveness() && c != null && c.status == CheckStatus.FAIL) {
                failing.add(check.name());
            }
        }
        return failing;
    }

    /** See {@link HealthScore} for the formula. */
    private static HealthScore score(Collection<HealthCheck> checks, List<HealthAlert> alerts, RequestStats stats) {
        int[] byStatus = new int[CheckStatus.values().length];
        for (HealthCheck c : checks) byStatus[c.status.ordinal()]++;
        int[] bySeverity = new int[AlertSeverity.values().length];
        for (HealthAlert a : alerts) {
            if (!a.resolved) bySeverity[a.severity.ordinal()]++;
        }
        return new HealthScore(byStatus[CheckStatus.PASS.ordinal()], byStatus[CheckStatus.WARN.ordinal()],
                byStatus[CheckStatus.FAIL.ordinal()], stats.apdex, bySeverity[AlertSeverity.WARNING.ordinal()],
                bySeverity[AlertSeverity.CRITICAL.ordinal()], bySeverity[AlertSeverity.EMERGENCY.ordinal()]);
    }

    private static List<RouteFigures> routeFigures(RequestStats stats) {
        List<RouteFigures> routes = new ArrayList<>(stats.routes.size());
        for (RouteStats r : stats.routes) {
            routes.add(new RouteFigures(r.route, r.windowCount, r.inFlight,
                    new ResponseTimeMetrics(r.p50Ms, r.p95Ms, r.p99Ms, r.averageMs),
                    new ResponseTimeMetrics(r.totalP50Ms, r.totalP95Ms, r.totalP99Ms, r.totalAverageMs),
                    r.totalCount, r.totalErrors));
        }
        return Collections.unmodifiableList(routes);
    }

    private double valueOf(String check) {
        CheckOutcome o = lastOutcomes.get(check);
        return o == null ? 0 : o.value;
    }
}

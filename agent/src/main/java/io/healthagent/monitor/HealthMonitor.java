package io.healthagent.monitor;

import io.healthagent.AgentLog;
import io.healthagent.checks.Check;
import io.healthagent.checks.CheckOutcome;
import io.healthagent.checks.CheckRunner;
import io.healthagent.checks.SystemChecks;
import io.healthagent.checks.SystemSample;
import io.healthagent.checks.SystemSampler;
import io.healthagent.config.Options;
import io.healthagent.metrics.RequestMetrics;
import io.healthagent.metrics.RequestStats;
import io.healthagent.model.HealthAlert;
import io.healthagent.model.HealthCheck;
import io.healthagent.model.HealthStatus;
import io.healthagent.model.PerformanceMetrics;
import io.healthagent.model.ServiceStatus;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs every check each {@code check.interval} on its own daemon thread and publishes one immutable
 * {@link HealthSnapshot}. It also rolls the request windows every 5 seconds, so that the windows stay
 * honest whatever the check interval.
 */
public final class HealthMonitor {
    private static final long ROLL_MILLIS = 5_000;

    private final Options options;
    private final RequestMetrics requests;
    private final ServiceInfo service;
    private final Supplier<SystemSampler> samplerFactory;
    private final SystemChecks systemChecks;
    private final List<Check> dependencyChecks;
    private final CheckRunner runner;
    private final CheckHistory history = new CheckHistory();
    private final FailureAlerts failureAlerts = new FailureAlerts();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "health-agent-monitor");
        t.setDaemon(true);
        return t;
    });

    private SystemSampler sampler;
    private boolean tickFailureLogged;
    private volatile HealthSnapshot latest;

    /**
     * @param dependencyChecks the service and dependency checks, run on {@code runner}'s pool;
     *                         system checks always run, on the monitor thread
     */
    public HealthMonitor(Options options, RequestMetrics requests, ServiceInfo service,
                         Supplier<SystemSampler> samplerFactory, List<Check> dependencyChecks, CheckRunner runner) {
        this.options = options;
        this.requests = requests;
        this.service = service;
        this.samplerFactory = samplerFactory;
        this.systemChecks = new SystemChecks(options.thresholds);
        this.dependencyChecks = dependencyChecks;
        this.runner = runner;
    }

    public void start() {
        long interval = options.checkInterval.toMillis();
        scheduler.execute(this::initSampler);
        // The first snapshot comes one second in: CPU load needs two readings of the tick counters.
        scheduler.scheduleWithFixedDelay(this::tick, Math.min(1000, interval), interval, TimeUnit.MILLISECONDS);
        scheduler.scheduleAtFixedRate(this::roll, ROLL_MILLIS, ROLL_MILLIS, TimeUnit.MILLISECONDS);
    }

    public void stop() {
        scheduler.shutdownNow();
        runner.stop();
    }

    /** The latest snapshot, or null before the first one. */
    public HealthSnapshot latest() {
        return latest;
    }

    /** The longest a healthy monitor takes between snapshots: the interval plus the slowest check's timeout. */
    public long longestTickMillis() {
        long slowest = 0;
        for (Check c : dependencyChecks) {
            slowest = Math.max(slowest, options.check(c.name()).timeout.toMillis());
        }
        return options.checkInterval.toMillis() + slowest;
    }

    private void initSampler() {
        try {
            sampler = samplerFactory.get();
        } catch (Throwable t) {
            AgentLog.error("system checks unavailable: " + AgentLog.describe(t));
        }
    }

    private void roll() {
        try {
            requests.roll(System.currentTimeMillis());
        } catch (Throwable t) {
            logTickFailure(t);
        }
    }

    /** Runs all checks and publishes a snapshot; public so tests and a future JMX operation can force it. */
    void tick() {
        try {
            latest = takeSnapshot();
        } catch (Throwable t) {
            logTickFailure(t);
        }
    }

    private HealthSnapshot takeSnapshot() {
        long nowSeconds = System.currentTimeMillis() / 1000;
        Map<String, HealthCheck> checks = new LinkedHashMap<>();
        SystemSample sample = sampler == null ? null : sampler.sample();
        if (sample != null) {
            for (CheckOutcome o : systemChecks.evaluate(sample)) {
                checks.put(o.name, history.record(o, options.check(o.name).threshold, nowSeconds));
            }
        }
        for (CheckOutcome o : runner.runAll(dependencyChecks, name -> options.check(name).timeout)) {
            checks.put(o.name, history.record(o, options.check(o.name).threshold, nowSeconds));
        }
        long now = System.currentTimeMillis(); // after the checks, which may have taken up to their timeout
        RequestStats stats = requests.stats(now);
        List<HealthAlert> alerts = Collections.unmodifiableList(failureAlerts.evaluate(checks.values(), history));
        ServiceStatus status = StatusRules.evaluate(checks.values(), alerts);
        PerformanceMetrics performance = new PerformanceMetrics(
                sample == null ? 0f : (float) sample.cpuPercent,
                sample == null ? 0L : sample.memoryUsedBytes >> 20,
                sample == null ? 0f : (float) sample.memoryPercent(),
                sample == null ? 0f : (float) sample.diskPercent(),
                sample == null ? 0 : sample.establishedConnections,
                stats.responseTimes, stats.errorRates);
        HealthStatus report = new HealthStatus(status, nowSeconds, service.name, service.version,
                Math.max(0, (now - service.startMillis) / 1000), Collections.unmodifiableMap(checks), alerts,
                performance);
        long[] deadlocked = threads.findDeadlockedThreads();
        return new HealthSnapshot(report, stats, history.stats(), StatusRules.isReady(status, checks.values()),
                deadlocked == null ? 0 : deadlocked.length, now);
    }

    private void logTickFailure(Throwable t) {
        if (!tickFailureLogged) { // once: a broken monitor must not flood the host's stderr
            tickFailureLogged = true;
            AgentLog.error("health monitor run failed: " + AgentLog.describe(t) + " (further failures not logged)");
        }
    }
}

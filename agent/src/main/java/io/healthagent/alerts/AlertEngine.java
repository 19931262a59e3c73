package io.healthagent.alerts;

import io.healthagent.config.OptionTable;
import io.healthagent.config.Options;
import io.healthagent.config.Thresholds.Metric;
import io.healthagent.config.Thresholds;
import io.healthagent.model.AlertHistoryEntry;
import io.healthagent.model.AlertSeverity;
import io.healthagent.model.AlertTransition;
import io.healthagent.model.HealthAlert;
import io.healthagent.model.HealthCheck;
import io.healthagent.model.PerformanceMetrics;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * The specification's "analyse against thresholds, then act": turns each snapshot's figures into alerts.
 *
 * <p>Rules, one alert per component and rule at a time, with a stable id {@code COMPONENT:RULE}:
 * <ul>
 *   <li>{@code cpu|memory|disk|error_rate|response_time:threshold}: DESIGN.md's table (error rate over the
 *       last minute, p95 of the response times), Warning, Critical, Emergency.</li>
 *   <li>{@code CHECK:consecutive_failures}: the check failed {@code max_consecutive_failures} times in a row;
 *       Critical, Emergency for a required check. Raised at once (the run of failures is its own delay).</li>
 *   <li>{@code memory:oom_kill}: the container's OOM-kill counter went up; Critical at once.</li>
 *   <li>{@code CHECK:failure_rate}: more than {@code max_failure_rate} of the check's last
 *       runs failed (the check history's window); Warning.</li>
 * </ul>
 *
 * <p>No flapping, after Prometheus's {@code for} and Netdata's hysteresis: a change of level (raise,
 * escalation, lowering, resolution) happens only once its condition has held for {@code alert.for}
 * (default three check intervals), and a level is left downwards only when the value is below its
 * threshold less {@code alert.clear_margin} (default 10% of it: a Warning at 70% CPU clears below 63%).
 * Each change is kept as a transition (time, from, to, value).
 *
 * <p>Used by the monitor thread only.
 */
public final class AlertEngine {
    /** Resolved alerts stay in /health/detailed this long. */
    static final long SHOW_RESOLVED_MILLIS = 3_600_000;
    /** Alerts kept in memory for /health/alerts (the store keeps more). */
    public static final int HISTORY = 1000;
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /** Everything the rules read, from one snapshot. */
    public static final class Inputs {
        final Collection<HealthCheck> checks;
        final PerformanceMetrics performance;
        final ToDoubleFunction<String> failureShare;
        /** The container's OOM-kill counter, or -1 outside a memory cgroup. */
        final long oomKills;
        /** Trends, forecasts and patterns (null: those rules have nothing to judge). */
        final io.healthagent.model.Analysis analysis;
        /** Set by {@link #evaluate}. */
        long nowMillis;

        /** @param failureShare a check's failure share over its recent runs, NaN when it has too few */
        public Inputs(Collection<HealthCheck> checks, PerformanceMetrics performance, ToDoubleFunction<String> failureShare) {
            this(checks, performance, failureShare, -1);
        }

        public Inputs(Collection<HealthCheck> checks, PerformanceMetrics performance, ToDoubleFunction<String> failureShare,
                      long oomKills) {
            this(checks, performance, failureShare, oomKills, null);
        }

        public Inputs(Collection<HealthCheck> checks, PerformanceMetrics performance, ToDoubleFunction<String> failureShare,
                      long oomKills, io.healthagent.model.Analysis analysis) {
            this.checks = checks;
            this.performance = performance;
            this.failureShare = failureShare;
            this.oomKills = oomKills;
            this.analysis = analysis;
        }
    }

    /** One occurrence of an alert, from raise to resolution. */
    private static final class Occurrence {
        final long sequence;
        final String id;
        final String component;
        final long raisedAtMillis;
        AlertSeverity severity;
        String message;
        Long resolvedAtMillis;
        final List<AlertTransition> transitions = new ArrayList<>();

        Occurrence(long sequence, String id, String component, long raisedAtMillis) {
            this.sequence = sequence;
            this.id = id;
            this.component = component;
            this.raisedAtMillis = raisedAtMillis;
        }

        HealthAlert alert() {
            return new HealthAlert(id, severity, message, component, raisedAtMillis / 1000, resolvedAtMillis != null);
        }

        AlertHistoryEntry entry() {
            return new AlertHistoryEntry(alert(), resolvedAtMillis == null ? null : resolvedAtMillis / 1000,
                    Collections.unmodifiableList(new ArrayList<>(transitions)), sequence);
        }
    }

    /** The state of one rule for one component. */
    private static final class Tracker {
        final Rule rule;
        AlertSeverity level; // null: no alert
        int pendingDirection; // +1 towards a higher level, -1 towards a lower one, 0 none
        long pendingSince;
        Occurrence current;

        Tracker(Rule rule) {
            this.rule = rule;
        }
    }

    private final Options options;
    private final Set<String> requiredChecks;
    private final Map<String, Tracker> trackers = new LinkedHashMap<>();
    private final Deque<Occurrence> resolved = new ArrayDeque<>();
    /** Components whose Emergency resolved, and when: their {@code COMPONENT:recovery} Info note. */
    private final Map<String, Long> recoveredAt = new java.util.HashMap<>();
    private long sequence;
    private List<Change> lastChanges = Collections.emptyList();

    /** A transition made by the last evaluation, for subscribers (logs, notifiers, the store). */
    public static final class Change {
        public final String id;
        public final String component;
        public final AlertTransition transition;
        public final String message;

        Change(String id, String component, AlertTransition transition, String message) {
            this.id = id;
            this.component = component;
            this.transition = transition;
            this.message = message;
        }
    }

    public AlertEngine(Options options, Set<String> requiredChecks) {
        this.options = options;
        this.requiredChecks = requiredChecks;
        Thresholds t = options.thresholds();
        add(new ThresholdRule("cpu", Metric.CPU, t, "CPU usage %.1f%%", p -> p.cpu_usage_percent));
        add(new ThresholdRule("memory", Metric.MEMORY, t, "Memory usage %.1f%%", p -> p.memory_usage_percent));
        add(new ThresholdRule("disk", Metric.DISK, t, "Disk usage %.1f%%", p -> p.disk_usage_percent));
        add(new ThresholdRule("error_rate", Metric.ERROR_RATE, t, "Error rate %.1f%% over the last minute",
                p -> p.error_rates.rate_1min));
        add(new ThresholdRule("response_time", Metric.RESPONSE_TIME, t, "Response time p95 %.0f ms",
                p -> p.response_times.p95_ms));
        add(new OomKillRule());
        add(new DiskForecastRule(options));
        add(new MemoryLeakRule());
        add(new ErrorBurstRule());
        add(new LatencyDriftRule());
    }

    private void add(Rule rule) {
        trackers.put(rule.id(), new Tracker(rule));
    }

    /**
     * Evaluates every rule at {@code nowMillis}.
     *
     * @return the alerts /health/detailed shows: active ones, most severe first, then those resolved in the
     *         last hour, newest first
     */
    public List<HealthAlert> evaluate(long nowMillis, Inputs in) {
        for (HealthCheck c : in.checks) { // a check's rules appear with the check
            if (!trackers.containsKey(c.name + ":consecutive_failures")) {
                add(new ConsecutiveFailuresRule(c.name, requiredChecks.contains(c.name)));
                add(new FailureRateRule(c.name));
            }
        }
        in.nowMillis = nowMillis;
        List<Change> changes = new ArrayList<>();
        double margin = options.get(OptionTable.ALERT_CLEAR_MARGIN) / 100.0;
        long holdMillis = options.get(OptionTable.ALERT_FOR).toMillis();
        for (Tracker t : trackers.values()) {
            Rule.Reading r = t.rule.read(in, margin, t.level);
            if (r == null) {
                continue; // nothing to judge (a check not configured, too few runs)
            }
            AlertSeverity target = above(r.up, t.level) ? r.up : r.hold;
            if (target == t.level) {
                t.pendingDirection = 0;
            } else {
                int direction = above(target, t.level) ? 1 : -1;
                if (t.pendingDirection != direction) {
                    t.pendingDirection = direction;
                    t.pendingSince = nowMillis;
                }
                long wait = direction > 0 && t.rule.raisesAtOnce() ? 0 : holdMillis;
                if (nowMillis - t.pendingSince >= wait) {
                    changes.add(move(t, target, r, nowMillis));
                    t.pendingDirection = 0;
                }
            }
            if (t.current != null && t.level != null) {
                t.current.message = message(t, r);
            }
        }
        lastChanges = Collections.unmodifiableList(changes);
        for (String component : recoveredAt.keySet()) { // added after the loop, which they would have disturbed
            if (!trackers.containsKey(component + ":recovery")) add(new RecoveryRule(component, recoveredAt));
        }
        return visible(nowMillis);
    }

    private Change move(Tracker t, AlertSeverity to, Rule.Reading r, long nowMillis) {
        AlertSeverity from = t.level;
        if (from == null) {
            t.current = new Occurrence(++sequence, t.rule.id(), t.rule.component(), nowMillis);
        }
        Occurrence o = t.current;
        AlertTransition tr = new AlertTransition(nowMillis / 1000, from == null ? null : from.wire(),
                to == null ? AlertTransition.RESOLVED : to.wire(), Double.isNaN(r.value) ? null : round(r.value));
        o.transitions.add(tr);
        t.level = to;
        if (to == null) {
            o.resolvedAtMillis = nowMillis;
            o.message = t.rule.describe(r.value) + " (" + t.rule.clearsWhen(from, options.get(OptionTable.ALERT_CLEAR_MARGIN) / 100.0)
                    + "): resolved at " + CLOCK.format(Instant.ofEpochMilli(nowMillis)) + " UTC, raised at "
                    + CLOCK.format(Instant.ofEpochMilli(o.raisedAtMillis));
            resolved.addFirst(o);
            if (reached(o, AlertSeverity.EMERGENCY)) recoveredAt.put(o.component, nowMillis);
            while (resolved.size() > HISTORY) resolved.removeLast();
            t.current = null;
        } else {
            o.severity = to;
            o.message = message(t, r);
        }
        return new Change(o.id, o.component, tr, o.message);
    }

    private String message(Tracker t, Rule.Reading r) {
        return t.rule.describe(r.value) + " (" + t.level.wire() + " " + t.rule.limit(t.level) + ") since "
                + CLOCK.format(Instant.ofEpochMilli(t.current.raisedAtMillis)) + " UTC";
    }

    private List<HealthAlert> visible(long nowMillis) {
        List<Occurrence> active = new ArrayList<>();
        for (Tracker t : trackers.values()) {
            if (t.current != null) active.add(t.current);
        }
        active.sort((a, b) -> b.severity.ordinal() != a.severity.ordinal() ? b.severity.ordinal() - a.severity.ordinal()
                : Long.compare(b.raisedAtMillis, a.raisedAtMillis));
        List<HealthAlert> out = new ArrayList<>();
        for (Occurrence o : active) out.add(o.alert());
        for (Occurrence o : resolved) {
            if (nowMillis - o.resolvedAtMillis > SHOW_RESOLVED_MILLIS) break; // newest first
            out.add(o.alert());
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * Alerts from before a restart (the store's, newest first). Active ones come back active at their level,
     * with their history, and the next evaluation judges them against the figures of now; resolved ones
     * come back to the history. Call before the first evaluation.
     */
    public void restore(List<AlertHistoryEntry> newestFirst) {
        for (AlertHistoryEntry e : newestFirst) {
            sequence = Math.max(sequence, e.sequence());
            Occurrence o = new Occurrence(e.sequence(), e.id, e.component, e.timestamp * 1000);
            o.severity = e.severity;
            o.message = e.message;
            o.transitions.addAll(e.transitions);
            if (e.resolved) {
                o.resolvedAtMillis = e.resolved_at == null ? e.timestamp * 1000 : e.resolved_at * 1000;
                if (resolved.size() < HISTORY) resolved.addLast(o);
                continue;
            }
            Tracker t = trackers.get(e.id);
            if (t == null && e.id.endsWith(":recovery")) {
                recoveredAt.put(e.component, e.timestamp * 1000);
                add(new RecoveryRule(e.component, recoveredAt));
                t = trackers.get(e.id);
            }
            if (t == null) { // a check's rule: created with the check's name
                int colon = e.id.indexOf(':');
                if (colon < 0) continue;
                String check = e.id.substring(0, colon);
                add(new ConsecutiveFailuresRule(check, requiredChecks.contains(check)));
                add(new FailureRateRule(check));
                t = trackers.get(e.id);
                if (t == null) continue;
            }
            if (t.current == null) {
                t.current = o;
                t.level = e.severity;
            }
        }
    }

    /** The transitions made by the last {@link #evaluate}. */
    public List<Change> lastChanges() {
        return lastChanges;
    }

    /** Every alert kept, active and resolved, newest first (by when it was raised). */
    public List<AlertHistoryEntry> history() {
        List<AlertHistoryEntry> out = new ArrayList<>();
        for (Tracker t : trackers.values()) {
            if (t.current != null) out.add(t.current.entry());
        }
        for (Occurrence o : resolved) out.add(o.entry());
        out.sort((a, b) -> Long.compare(b.sequence(), a.sequence()));
        return Collections.unmodifiableList(out);
    }

    private static boolean reached(Occurrence o, AlertSeverity level) {
        for (AlertTransition t : o.transitions) {
            if (level.wire().equals(t.to)) return true;
        }
        return false;
    }

    /** "3.5 h", "45 min", "2.0 days": a forecast's horizon for a person. */
    static String hoursText(double hours) {
        if (hours >= 48) return String.format(Locale.ROOT, "%.1f days", hours / 24);
        if (hours >= 1) return String.format(Locale.ROOT, "%.1f h", hours);
        if (hours * 60 >= 1) return String.format(Locale.ROOT, "%.0f min", hours * 60);
        return String.format(Locale.ROOT, "%.0f s", hours * 3600);
    }

    static boolean above(AlertSeverity a, AlertSeverity b) {
        return rank(a) > rank(b);
    }

    static int rank(AlertSeverity s) {
        return s == null ? -1 : s.ordinal();
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}

package io.healthagent.checks;

import io.healthagent.config.Thresholds;
import io.healthagent.config.Thresholds.Metric;
import io.healthagent.model.CheckStatus;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The checks cpu, memory, disk_space and network, each a {@link Check} run on the check pool like any
 * other (a hung filesystem holds one pool thread, never the monitor). cpu, memory and disk_space warn
 * above the Warning threshold and fail above the Critical one (DESIGN.md's table); network has no
 * threshold in the specification: it reports the count and passes unless it cannot be read.
 */
public final class SystemChecks {
    /** CPU load is the busy share between two readings; the first run waits this long for its second. */
    static final long FIRST_CPU_READING_MILLIS = 250;
    /** Inside a CPU quota, usage is measured over at least this many of its periods. */
    static final int QUOTA_WINDOW_PERIODS = 10;

    private SystemChecks() {
    }

    public static List<Check> create(HostResources host, Path diskPath, Thresholds thresholds,
                                     double throttledWarningPercent) {
        Cgroups cgroups = host instanceof LinuxResources ? Cgroups.detect() : null;
        List<Check> checks = new java.util.ArrayList<>(Arrays.asList(new Cpu(host, cgroups, thresholds,
                throttledWarningPercent), new Memory(host, cgroups, thresholds), new Disk(diskPath, thresholds),
                new Network(host)));
        if (Pids.limited(cgroups)) {
            checks.add(new Pids(cgroups));
        }
        return checks;
    }

    static CheckStatus graded(Thresholds thresholds, Metric metric, double value) {
        return value > thresholds.critical(metric) ? CheckStatus.FAIL
                : value > thresholds.warning(metric) ? CheckStatus.WARN : CheckStatus.PASS;
    }

    /**
     * Load between this run and the previous one: inside a CPU quota (a container's), the CPU time the
     * cgroup used against the cores the quota allows, and the share of scheduling periods it was throttled
     * in (a warning above {@code container.cpu_throttled_warning}); elsewhere the machine's busy share.
     * Runs are never concurrent (the scheduler's guard).
     */
    static final class Cpu implements Check {
        private final HostResources host;
        private final Cgroups cgroups;
        private final Thresholds thresholds;
        private final double throttledWarningPercent;
        private long[] previous;
        /**
         * The quota's readings, oldest first: the newest one a whole window old and every later one (a
         * hundred at most: periods are at most a second, runs at least 100 ms apart).
         */
        private final java.util.ArrayDeque<Cgroups.Cpu> quotaReadings = new java.util.ArrayDeque<>();
        private boolean cgroupFailureLogged;

        Cpu(HostResources host, Cgroups cgroups, Thresholds thresholds, double throttledWarningPercent) {
            this.host = host;
            this.cgroups = cgroups;
            this.thresholds = thresholds;
            this.throttledWarningPercent = throttledWarningPercent;
        }

        @Override
        public String name() {
            return "cpu";
        }

        @Override
        public CheckOutcome run() throws Exception {
            if (previous == null) {
                previous = host.cpuTicks();
                Cgroups.Cpu first = quota();
                if (first != null) quotaReadings.add(first);
                Thread.sleep(FIRST_CPU_READING_MILLIS);
            }
            long[] now = host.cpuTicks();
            Cgroups.Cpu cgroup = quota();
            try {
                Cgroups.Cpu since = cgroup == null ? null : baseline(cgroup);
                if (cgroup != null) quotaReadings.add(cgroup);
                if (since != null && cgroup.atNanos > since.atNanos) {
                    long window = cgroup.atNanos - since.atNanos;
                    double percent = Math.max(0, 100.0 * (cgroup.usageNanos - since.usageNanos)
                            / (window * cgroup.quotaCores));
                    long periods = cgroup.periods - since.periods;
                    double throttled = periods <= 0 ? 0 : 100.0 * (cgroup.throttledPeriods - since.throttledPeriods) / periods;
                    CheckStatus status = graded(thresholds, Metric.CPU, percent);
                    if (status == CheckStatus.PASS && throttled > throttledWarningPercent) status = CheckStatus.WARN;
                    return new CheckOutcome("cpu", status, String.format(Locale.ROOT,
                            "CPU usage at %.1f%% of the container's %s cores over %.1f s (throttled in %.0f%% of periods)",
                            percent, trim(cgroup.quotaCores), window / 1e9, throttled), 0, percent, 0,
                            new ContainerFigures(-1, cgroup.quotaCores, throttled / 100, -1, -1, -1));
                }
                long busy = now[0] - previous[0];
                long total = now[1] - previous[1];
                double percent = total <= 0 ? 0 : Math.max(0, Math.min(100, 100.0 * busy / total));
                return new CheckOutcome("cpu", graded(thresholds, Metric.CPU, percent),
                        String.format(Locale.ROOT, "CPU usage at %.1f%%", percent), 0, percent, 0);
            } finally {
                previous = now;
                if (cgroup == null) quotaReadings.clear();
            }
        }

        /**
         * The newest earlier reading at least {@value #QUOTA_WINDOW_PERIODS} of the quota's periods before
         * {@code now} (the oldest if none is), dropping those before it. Usage against a quota is only honest
         * over many periods: a window of a few can hold one period's burst (every core at once until the quota
         * runs out) without the throttled rest that follows, and a late run followed by an on-time one makes
         * such a window. The first run's window is {@value #FIRST_CPU_READING_MILLIS} ms; its message says so.
         */
        private Cgroups.Cpu baseline(Cgroups.Cpu now) {
            long window = QUOTA_WINDOW_PERIODS * Math.max(0, now.periodNanos);
            while (quotaReadings.size() > 1) {
                java.util.Iterator<Cgroups.Cpu> it = quotaReadings.iterator();
                it.next();
                if (now.atNanos - it.next().atNanos < window) break;
                quotaReadings.removeFirst();
            }
            return quotaReadings.peekFirst();
        }

        /** The cgroup's reading when a CPU quota is set, else null. */
        private Cgroups.Cpu quota() {
            if (cgroups == null) return null;
            try {
                Cgroups.Cpu c = cgroups.cpu();
                return c != null && c.quotaCores > 0 ? c : null;
            } catch (Exception e) {
                if (!cgroupFailureLogged) { // once: the machine's figures stand in from now on
                    cgroupFailureLogged = true;
                    io.healthagent.AgentLog.warn("the container's cpu cgroup at " + cgroups.cpuDir() + " cannot be read ("
                            + io.healthagent.AgentLog.describe(e) + "); cpu reports the machine's");
                }
                return null;
            }
        }

        private static String trim(double cores) {
            return cores == Math.rint(cores) ? String.valueOf((long) cores) : String.format(Locale.ROOT, "%.2f", cores)
                    .replaceAll("0+$", "");
        }
    }

    /**
     * Inside a memory limit (a container): the working set (usage less inactive file pages, as the kubelet
     * counts it for eviction) against the limit, and the cgroup's OOM kills. Elsewhere: the machine's
     * memory in use (total less available) against its total.
     */
    static final class Memory implements Check {
        private final HostResources host;
        private final Cgroups cgroups;
        private final Thresholds thresholds;
        private boolean cgroupFailureLogged;

        Memory(HostResources host, Cgroups cgroups, Thresholds thresholds) {
            this.host = host;
            this.cgroups = cgroups;
            this.thresholds = thresholds;
        }

        @Override
        public String name() {
            return "memory";
        }

        @Override
        public CheckOutcome run() throws Exception {
            long[] m = host.memory();
            if (cgroups != null) {
                try {
                    Cgroups.Memory c = cgroups.memory();
                    if (c != null && c.limitBytes > 0 && c.limitBytes < m[0]) {
                        double percent = 100.0 * c.workingSetBytes / c.limitBytes;
                        return new CheckOutcome("memory", graded(thresholds, Metric.MEMORY, percent),
                                String.format(Locale.ROOT, "Memory usage at %.1f%% (%d MB of the container's %d MB limit, "
                                        + "working set%s)", percent, c.workingSetBytes >> 20, c.limitBytes >> 20,
                                        c.oomKills > 0 ? "; " + c.oomKills + " OOM kills in the container" : ""),
                                0, percent, c.workingSetBytes,
                                new ContainerFigures(c.limitBytes, -1, Double.NaN, c.oomKills, -1, -1));
                    }
                } catch (Exception e) {
                    if (!cgroupFailureLogged) { // once: the node's figures stand in from now on
                        cgroupFailureLogged = true;
                        io.healthagent.AgentLog.warn("the container's memory cgroup at " + cgroups.memoryDir()
                                + " cannot be read (" + io.healthagent.AgentLog.describe(e) + "); memory reports the machine's");
                    }
                }
            }
            long used = m[0] - m[1];
            double percent = m[0] == 0 ? 0 : 100.0 * used / m[0];
            return new CheckOutcome("memory", graded(thresholds, Metric.MEMORY, percent),
                    String.format(Locale.ROOT, "Memory usage at %.1f%% (%d MB of %d MB)", percent, used >> 20, m[0] >> 20),
                    0, percent, used);
        }
    }

    /**
     * Processes and threads in the container against its pid limit (where one is set): a container that
     * reaches it cannot start a thread. Warns above 90%, fails at the limit.
     */
    static final class Pids implements Check {
        private final Cgroups cgroups;

        Pids(Cgroups cgroups) {
            this.cgroups = cgroups;
        }

        static boolean limited(Cgroups cgroups) {
            try {
                return cgroups != null && cgroups.pids() != null;
            } catch (Exception e) {
                return false;
            }
        }

        @Override
        public String name() {
            return "pids";
        }

        @Override
        public CheckOutcome run() throws Exception {
            long[] p = cgroups.pids();
            if (p == null) {
                return CheckOutcome.pass("pids", "no pid limit any more");
            }
            double percent = 100.0 * p[0] / p[1];
            CheckStatus status = p[0] >= p[1] ? CheckStatus.FAIL : percent > 90 ? CheckStatus.WARN : CheckStatus.PASS;
            return new CheckOutcome("pids", status, String.format(Locale.ROOT,
                    "%d processes and threads of the container's %d limit (%.0f%%)", p[0], p[1], percent), 0, percent, 0,
                    new ContainerFigures(-1, -1, Double.NaN, -1, p[0], p[1]));
        }
    }

    /** The filesystem of the watched path, as df computes Use%: used / (used + available to unprivileged users). */
    static final class Disk implements Check {
        private final Path path;
        private final Thresholds thresholds;

        Disk(Path path, Thresholds thresholds) {
            this.path = path;
            this.thresholds = thresholds;
        }

        @Override
        public String name() {
            return "disk_space";
        }

        @Override
        public CheckOutcome run() throws Exception {
            long used;
            long available;
            try {
                FileStore store = Files.getFileStore(path);
                used = store.getTotalSpace() - store.getUnallocatedSpace();
                available = store.getUsableSpace();
            } catch (Exception e) {
                throw new java.io.IOException("disk usage of " + path + " could not be read: " + e.getMessage(), e);
            }
            long denominator = used + available;
            double percent = denominator == 0 ? 0 : 100.0 * used / denominator;
            return new CheckOutcome("disk_space", graded(thresholds, Metric.DISK, percent),
                    String.format(Locale.ROOT, "Disk usage at %.0f%% on the filesystem of %s (%d MB free)", percent, path,
                            available >> 20), 0, percent, used);
        }
    }

    static final class Network implements Check {
        private final HostResources host;

        Network(HostResources host) {
            this.host = host;
        }

        @Override
        public String name() {
            return "network";
        }

        @Override
        public CheckOutcome run() throws Exception {
            long n = host.establishedConnections();
            return new CheckOutcome("network", CheckStatus.PASS, n + " established TCP connections", 0, n, 0);
        }
    }
}

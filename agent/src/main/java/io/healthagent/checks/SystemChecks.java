package io.healthagent.checks;

import io.healthagent.config.Thresholds;
import io.healthagent.config.Thresholds.Metric;
import io.healthagent.model.CheckStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns a {@link SystemSample} into the checks cpu, memory, disk_space and network: warn above the
 * Warning threshold, fail above the Critical one (DESIGN.md's table). The network check has no
 * threshold in the specification: it reports the count and passes unless it cannot be read.
 */
public final class SystemChecks {
    private final Thresholds thresholds;

    public SystemChecks(Thresholds thresholds) {
        this.thresholds = thresholds;
    }

    public List<CheckOutcome> evaluate(SystemSample s) {
        List<CheckOutcome> out = new ArrayList<>(4);
        out.add(s.cpuError != null
                ? failed("cpu", "CPU usage could not be read: " + s.cpuError, s.cpuMillis)
                : graded("cpu", Metric.CPU, s.cpuPercent, String.format(Locale.ROOT, "CPU usage at %.1f%%", s.cpuPercent),
                        s.cpuMillis));
        out.add(s.memoryError != null
                ? failed("memory", "Memory usage could not be read: " + s.memoryError, s.memoryMillis)
                : graded("memory", Metric.MEMORY, s.memoryPercent(), String.format(Locale.ROOT,
                        "Memory usage at %.1f%% (%d MB of %d MB)", s.memoryPercent(), s.memoryUsedBytes >> 20,
                        s.memoryTotalBytes >> 20), s.memoryMillis));
        out.add(s.diskError != null
                ? failed("disk_space", "Disk usage of " + s.diskPath + " could not be read: " + s.diskError, s.diskMillis)
                : graded("disk_space", Metric.DISK, s.diskPercent(), String.format(Locale.ROOT,
                        "Disk usage at %.0f%% on the filesystem of %s (%d MB free)", s.diskPercent(), s.diskPath,
                        s.diskAvailableBytes >> 20), s.diskMillis));
        out.add(s.networkError != null
                ? failed("network", "Network connections could not be read: " + s.networkError, s.networkMillis)
                : new CheckOutcome("network", CheckStatus.PASS,
                        s.establishedConnections + " established TCP connections", s.networkMillis));
        return out;
    }

    private CheckOutcome graded(String name, Metric metric, double value, String message, long millis) {
        CheckStatus status = value > thresholds.critical(metric) ? CheckStatus.FAIL
                : value > thresholds.warning(metric) ? CheckStatus.WARN : CheckStatus.PASS;
        return new CheckOutcome(name, status, message, millis);
    }

    private static CheckOutcome failed(String name, String message, long millis) {
        return new CheckOutcome(name, CheckStatus.FAIL, message, millis);
    }
}

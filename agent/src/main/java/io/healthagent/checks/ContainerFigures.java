package io.healthagent.checks;

/**
 * The container's limits and pressure as the system checks last read them, for /metrics
 * ({@code container_*} gauges) and the alert engine (OOM kills). Each field is unknown (-1, or NaN for a
 * ratio) outside a container or when the check that reads it has not run.
 */
public final class ContainerFigures {
    public static final ContainerFigures NONE = new ContainerFigures(-1, -1, Double.NaN, -1, -1, -1);

    public final long memoryLimitBytes;
    public final double cpuQuotaCores;
    /** Share of scheduling periods throttled between the cpu check's last two readings, 0 to 1. */
    public final double cpuThrottledRatio;
    public final long oomKills;
    public final long pidsCurrent;
    public final long pidsMax;

    public ContainerFigures(long memoryLimitBytes, double cpuQuotaCores, double cpuThrottledRatio, long oomKills,
                            long pidsCurrent, long pidsMax) {
        this.memoryLimitBytes = memoryLimitBytes;
        this.cpuQuotaCores = cpuQuotaCores;
        this.cpuThrottledRatio = cpuThrottledRatio;
        this.oomKills = oomKills;
        this.pidsCurrent = pidsCurrent;
        this.pidsMax = pidsMax;
    }

    /** This one's known fields, and the other's where this one does not know. */
    public ContainerFigures or(ContainerFigures other) {
        if (other == null) return this;
        return new ContainerFigures(memoryLimitBytes >= 0 ? memoryLimitBytes : other.memoryLimitBytes,
                cpuQuotaCores >= 0 ? cpuQuotaCores : other.cpuQuotaCores,
                !Double.isNaN(cpuThrottledRatio) ? cpuThrottledRatio : other.cpuThrottledRatio,
                oomKills >= 0 ? oomKills : other.oomKills,
                pidsCurrent >= 0 ? pidsCurrent : other.pidsCurrent,
                pidsMax >= 0 ? pidsMax : other.pidsMax);
    }
}

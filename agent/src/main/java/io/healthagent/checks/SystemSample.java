package io.healthagent.checks;

/**
 * One reading of the host's resources. A part that could not be read has its error set and its
 * figures at 0; each part carries how long it took to read.
 */
public final class SystemSample {
    public final double cpuPercent;
    public final long cpuMillis;
    public final String cpuError;

    public final long memoryUsedBytes;
    public final long memoryTotalBytes;
    public final long memoryMillis;
    public final String memoryError;

    public final String diskPath;
    public final long diskUsedBytes;
    public final long diskAvailableBytes;
    public final long diskMillis;
    public final String diskError;

    public final int establishedConnections;
    public final long networkMillis;
    public final String networkError;

    SystemSample(Builder b) {
        this.cpuPercent = b.cpuPercent;
        this.cpuMillis = b.cpuMillis;
        this.cpuError = b.cpuError;
        this.memoryUsedBytes = b.memoryUsedBytes;
        this.memoryTotalBytes = b.memoryTotalBytes;
        this.memoryMillis = b.memoryMillis;
        this.memoryError = b.memoryError;
        this.diskPath = b.diskPath;
        this.diskUsedBytes = b.diskUsedBytes;
        this.diskAvailableBytes = b.diskAvailableBytes;
        this.diskMillis = b.diskMillis;
        this.diskError = b.diskError;
        this.establishedConnections = b.establishedConnections;
        this.networkMillis = b.networkMillis;
        this.networkError = b.networkError;
    }

    public double memoryPercent() {
        return memoryTotalBytes == 0 ? 0 : 100.0 * memoryUsedBytes / memoryTotalBytes;
    }

    /** As df computes Use%: used / (used + available to unprivileged users). */
    public double diskPercent() {
        long denominator = diskUsedBytes + diskAvailableBytes;
        return denominator == 0 ? 0 : 100.0 * diskUsedBytes / denominator;
    }

    static final class Builder {
        double cpuPercent;
        long cpuMillis;
        String cpuError;
        long memoryUsedBytes;
        long memoryTotalBytes;
        long memoryMillis;
        String memoryError;
        String diskPath;
        long diskUsedBytes;
        long diskAvailableBytes;
        long diskMillis;
        String diskError;
        int establishedConnections;
        long networkMillis;
        String networkError;
    }
}

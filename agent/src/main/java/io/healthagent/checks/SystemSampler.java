package io.healthagent.checks;

import io.healthagent.AgentLog;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.GlobalMemory;
import oshi.software.os.InternetProtocolStats;

/**
 * Reads CPU, memory and established TCP connections through OSHI, and the disk through the JDK's FileStore of the
 * watched path (it names the filesystem of that path directly, where OSHI lists every mount).
 * Creating it initialises OSHI, so the agent does that off the host's main thread.
 */
public final class SystemSampler {
    private final Path diskPath;
    private final CentralProcessor processor;
    private final GlobalMemory memory;
    private final InternetProtocolStats network;
    private long[] previousTicks;

    public SystemSampler(Path diskPath) {
        this.diskPath = diskPath;
        SystemInfo info = new SystemInfo();
        this.processor = info.getHardware().getProcessor();
        this.memory = info.getHardware().getMemory();
        this.network = info.getOperatingSystem().getInternetProtocolStats();
        this.previousTicks = processor.getSystemCpuLoadTicks();
    }

    /** Called by the monitor thread only. */
    public SystemSample sample() {
        SystemSample.Builder b = new SystemSample.Builder();
        long t0 = System.nanoTime();
        try {
            long[] ticks = processor.getSystemCpuLoadTicks();
            b.cpuPercent = 100.0 * processor.getSystemCpuLoadBetweenTicks(previousTicks);
            previousTicks = ticks;
        } catch (Throwable t) {
            b.cpuError = AgentLog.describe(t);
        }
        long t1 = System.nanoTime();
        try {
            long total = memory.getTotal();
            b.memoryTotalBytes = total;
            b.memoryUsedBytes = total - memory.getAvailable();
        } catch (Throwable t) {
            b.memoryError = AgentLog.describe(t);
        }
        long t2 = System.nanoTime();
        b.diskPath = diskPath.toString();
        try {
            FileStore store = Files.getFileStore(diskPath);
            b.diskUsedBytes = store.getTotalSpace() - store.getUnallocatedSpace();
            b.diskAvailableBytes = store.getUsableSpace();
        } catch (Throwable t) {
            b.diskError = AgentLog.describe(t);
        }
        long t3 = System.nanoTime();
        try {
            // The kernel's own counter (CurrEstab of the TCP MIB, which on Linux covers IPv4 and IPv6):
            // one small read, where listing every socket cost 15-20 ms a run on a quiet machine.
            b.establishedConnections = (int) Math.min(Integer.MAX_VALUE,
                    network.getTCPv4Stats().getConnectionsEstablished());
        } catch (Throwable t) {
            b.networkError = AgentLog.describe(t);
        }
        long t4 = System.nanoTime();
        b.cpuMillis = (t1 - t0) / 1_000_000;
        b.memoryMillis = (t2 - t1) / 1_000_000;
        b.diskMillis = (t3 - t2) / 1_000_000;
        b.networkMillis = (t4 - t3) / 1_000_000;
        return new SystemSample(b);
    }
}

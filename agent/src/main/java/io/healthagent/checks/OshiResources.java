package io.healthagent.checks;

import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.GlobalMemory;
import oshi.software.os.InternetProtocolStats;

/**
 * OSHI, for systems without Linux's /proc. OSHI uses JNA, which loads native code: on JDK 24 and later
 * the JVM prints a warning unless the host runs with {@code --enable-native-access=ALL-UNNAMED}. This
 * class is loaded only on such systems.
 */
final class OshiResources implements HostResources {
    private final CentralProcessor processor;
    private final GlobalMemory memory;
    private final InternetProtocolStats network;

    private OshiResources() {
        SystemInfo info = new SystemInfo();
        this.processor = info.getHardware().getProcessor();
        this.memory = info.getHardware().getMemory();
        this.network = info.getOperatingSystem().getInternetProtocolStats();
    }

    static HostResources create() {
        return new OshiResources();
    }

    @Override
    public long[] cpuTicks() {
        long[] ticks = processor.getSystemCpuLoadTicks();
        long total = 0;
        for (long t : ticks) total += t;
        long idle = ticks[CentralProcessor.TickType.IDLE.getIndex()] + ticks[CentralProcessor.TickType.IOWAIT.getIndex()];
        return new long[] {total - idle, total};
    }

    @Override
    public long[] memory() {
        return new long[] {memory.getTotal(), memory.getAvailable()};
    }

    @Override
    public long establishedConnections() {
        return network.getTCPv4Stats().getConnectionsEstablished();
    }
}

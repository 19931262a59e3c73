package io.healthagent.checks;

import java.io.IOException;

/** Where the system checks read the machine: the kernel's files on Linux, OSHI elsewhere. */
public interface HostResources {
    /** Cumulative CPU ticks since boot: {busy, total}. */
    long[] cpuTicks() throws IOException;

    /** {total, available} bytes of memory. */
    long[] memory() throws IOException;

    /** Established TCP connections (IPv4 and IPv6). */
    long establishedConnections() throws IOException;

    /**
     * The kernel's files when they are there (no native code: JNA's {@code System::load} is a restricted
     * method that JDK 24 and later warn about, and a future JDK will refuse); OSHI, loaded only then,
     * on other systems.
     */
    static HostResources forThisMachine() {
        if (LinuxResources.available()) {
            return new LinuxResources();
        }
        return OshiResources.create();
    }
}

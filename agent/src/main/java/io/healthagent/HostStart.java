package io.healthagent;

import java.lang.management.ClassLoadingMXBean;
import java.lang.management.ManagementFactory;

/**
 * Tells when the host has started, so that the agent's own start-up (loading Byte Buddy, OSHI,
 * Jackson: over a thousand classes) does not compete with the host's. A starting JVM loads classes in
 * bursts; the host counts as started once its class loading has been quiet for {@value #QUIET_MILLIS} ms,
 * or after {@value #MAX_WAIT_MILLIS} ms at most. Classes the host loaded meanwhile are instrumented by
 * retransformation; requests it served meanwhile are not measured.
 */
final class HostStart {
    static final long QUIET_MILLIS = 300;
    static final long MAX_WAIT_MILLIS = 5_000;
    private static final long POLL_MILLIS = 50;
    /** Fewer new classes than this per poll is quiet (a running server still loads a few). */
    private static final long QUIET_CLASSES = 5;

    private HostStart() {
    }

    static void await() {
        ClassLoadingMXBean classes = ManagementFactory.getClassLoadingMXBean();
        long deadline = System.nanoTime() + MAX_WAIT_MILLIS * 1_000_000;
        long last = classes.getTotalLoadedClassCount();
        long quietFor = 0;
        try {
            while (System.nanoTime() < deadline && quietFor < QUIET_MILLIS) {
                Thread.sleep(POLL_MILLIS);
                long now = classes.getTotalLoadedClassCount();
                quietFor = now - last < QUIET_CLASSES ? quietFor + POLL_MILLIS : 0;
                last = now;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

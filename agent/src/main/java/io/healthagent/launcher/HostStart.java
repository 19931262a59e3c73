package io.healthagent.launcher;

import java.lang.instrument.Instrumentation;

/**
 * Tells when the host has started, so that the agent's own start-up (its class loader, Byte Buddy and
 * over a thousand classes) does not compete with the host's for the CPU. A starting JVM loads classes in
 * bursts; the host counts as started once its class loading has been quiet for {@value #QUIET_MILLIS} ms,
 * or after {@value #MAX_WAIT_MILLIS} ms at most. Classes the host loaded meanwhile are instrumented by
 * retransformation; requests it served meanwhile are not measured.
 *
 * <p>It counts classes through {@link Instrumentation#getAllLoadedClasses()}, not the class-loading MXBean:
 * the management classes would be a start-up of their own, on the host's CPU, while it starts.
 */
final class HostStart {
    static final long QUIET_MILLIS = 300;
    static final long MAX_WAIT_MILLIS = 5_000;
    /**
     * A poll lists every loaded class (0.75 ms of CPU with 3,300 classes), on the host's cores while it
     * starts: every 50 ms that was 12-13 ms of CPU over a one-second start, every 100 ms half as much.
     */
    private static final long POLL_MILLIS = 100;
    /** Fewer new classes than this per poll is quiet (a running server still loads a few). */
    private static final int QUIET_CLASSES = 10;

    private HostStart() {
    }

    static void await(Instrumentation inst) {
        long deadline = System.nanoTime() + MAX_WAIT_MILLIS * 1_000_000;
        int last = inst.getAllLoadedClasses().length;
        long quietFor = 0;
        try {
            while (System.nanoTime() < deadline && quietFor < QUIET_MILLIS) {
                Thread.sleep(POLL_MILLIS);
                int now = inst.getAllLoadedClasses().length;
                quietFor = now - last < QUIET_CLASSES ? quietFor + POLL_MILLIS : 0;
                last = now;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

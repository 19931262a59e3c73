package io.healthagent.monitor;

import java.util.Collections;
import java.util.List;

/**
 * Liveness, judged when asked: the monitor thread keeps publishing (it never waits for a check, so a snapshot
 * older than a few intervals means it stopped) and no thread is deadlocked. External systems and load never
 * count; the application's own liveness checks do only when the operator asks (liveness.app_checks).
 */
public final class Liveness {
    public final boolean alive;
    public final boolean monitorRuns;
    /** Seconds since the latest snapshot; -1 before the first. */
    public final long snapshotAgeSeconds;
    public final int deadlockedThreads;
    /** The application's liveness checks that fail, when liveness.app_checks counts them. */
    public final List<String> failingChecks;

    private Liveness(boolean monitorRuns, long snapshotAgeSeconds, int deadlockedThreads, List<String> failingChecks) {
        this.monitorRuns = monitorRuns;
        this.snapshotAgeSeconds = snapshotAgeSeconds;
        this.deadlockedThreads = deadlockedThreads;
        this.failingChecks = failingChecks;
        this.alive = monitorRuns && deadlockedThreads == 0 && failingChecks.isEmpty();
    }

    public static Liveness of(HealthSnapshot snapshot, long intervalMillis, long nowMillis) {
        if (snapshot == null) return new Liveness(true, -1, 0, Collections.emptyList());
        long staleAfter = 3 * intervalMillis + 5_000;
        long age = nowMillis - snapshot.takenAtMillis;
        return new Liveness(age < staleAfter, age / 1000, snapshot.deadlockedThreads, snapshot.failingLivenessChecks);
    }
}

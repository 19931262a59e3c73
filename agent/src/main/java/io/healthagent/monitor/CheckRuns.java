package io.healthagent.monitor;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * On-demand runs of every check ({@code POST /health/checks/run}, JMX's {@code runChecks()}): at most one at a
 * time and one per {@code checks.run_min_interval}, whoever asks. A run waits for every check, so a second one
 * must not take another thread meanwhile.
 */
public final class CheckRuns {
    /** A run refused, with why and when to ask again. */
    public static final class Refused extends Exception {
        public final long retryAfterSeconds;

        Refused(String message, long retryAfterSeconds) {
            super(message, null, false, false);
            this.retryAfterSeconds = retryAfterSeconds;
        }
    }

    private final HealthMonitor monitor;
    private final long minIntervalMillis;
    private final AtomicBoolean running = new AtomicBoolean();
    private long lastRunMillis = Long.MIN_VALUE / 2;

    public CheckRuns(HealthMonitor monitor, long minIntervalMillis) {
        this.monitor = monitor;
        this.minIntervalMillis = minIntervalMillis;
    }

    /** Takes the one run there may be now; then {@link #run()} must follow, on whatever thread may wait. */
    public synchronized void admit() throws Refused {
        long now = System.currentTimeMillis();
        if (running.get()) {
            throw new Refused("the checks are running now (started " + (now - lastRunMillis)
                    + " ms ago); its report comes to the request that started it", 1);
        }
        long wait = lastRunMillis + minIntervalMillis - now;
        if (wait > 0) {
            throw new Refused("checks ran " + (now - lastRunMillis) + " ms ago; at most one run per "
                    + minIntervalMillis + " ms (checks.run_min_interval)", (wait + 999) / 1000);
        }
        lastRunMillis = now;
        running.set(true);
    }

    /** Every check now, then the fresh snapshot; the admitted run ends here whatever happens. */
    public HealthSnapshot run() throws Exception {
        try {
            return monitor.runChecksNow().get(waitMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new TimeoutException("the checks did not all answer within " + waitMillis() + " ms; retry");
        } finally {
            running.set(false);
        }
    }

    public long waitMillis() {
        return monitor.longestCheckMillis() + 2_000;
    }
}

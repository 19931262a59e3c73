package io.healthagent.monitor;

import io.healthagent.AgentLog;
import io.healthagent.checks.Check;
import io.healthagent.checks.CheckOutcome;
import io.healthagent.checks.Secrets;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs each check on its own schedule on a bounded pool and never waits for one.
 *
 * <ul>
 *   <li>Every check has its own interval; when it is due and idle, a run starts on the pool.</li>
 *   <li>A check whose run is still going when it is due again is not started again, so a dependency that
 *       accepts connections and never answers holds at most one thread, however long it hangs.</li>
 *   <li>A run past its timeout (plus a short grace to return by itself) is reported failed ("timed out")
 *       and interrupted; every later slot while its thread is still stuck is reported failed too ("no
 *       answer: the run started N ms ago"), so consecutive failures and alerts count on.</li>
 *   <li>A run that returns after it was reported timed out is not reported a second time.</li>
 * </ul>
 *
 * {@link #poll} is called by the monitor thread only; runs finish on pool threads, queue their outcome and
 * wake the monitor.
 */
final class CheckScheduler {
    /** Extra time a run gets after its own timeout to return by itself before it is reported. */
    static final long GRACE_MILLIS = 250;

    /** An outcome and when it was known (Unix milliseconds). */
    static final class Finished {
        final CheckOutcome outcome;
        final long atMillis;

        Finished(CheckOutcome outcome, long atMillis) {
            this.outcome = outcome;
            this.atMillis = atMillis;
        }
    }

    private static final int RUNNING = 0;
    private static final int DONE = 1;
    private static final int TIMED_OUT = 2;

    private static final class Run {
        final long startedNanos;
        final AtomicInteger state = new AtomicInteger(RUNNING);
        FutureTask<Void> task;

        Run(long startedNanos) {
            this.startedNanos = startedNanos;
        }
    }

    private static final class Entry {
        final Check check;
        final long intervalNanos;
        final long timeoutNanos;
        long nextRunNanos;
        /** The run whose thread has not returned yet, or null. Written by the monitor (start) and the run (end). */
        volatile Run run;

        Entry(Check check, long intervalNanos, long timeoutNanos, long firstRunNanos) {
            this.check = check;
            this.intervalNanos = intervalNanos;
            this.timeoutNanos = timeoutNanos;
            this.nextRunNanos = firstRunNanos;
        }

        long timeoutMillis() {
            return TimeUnit.NANOSECONDS.toMillis(timeoutNanos);
        }
    }

    /** How often and how long one check may run. */
    interface Timing {
        long intervalMillis(String check);

        long timeoutMillis(String check);
    }

    /** Written by the monitor's thread only (application checks come and go); read by others ({@link #busy}). */
    private final List<Entry> entries = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Timing timing;
    private final Executor pool;
    private final Clock clock;
    private final Secrets secrets;
    private final Runnable wake;
    private final Queue<Finished> finished = new ConcurrentLinkedQueue<>();

    /**
     * @param pool  runs the checks; it must have a thread for every check (the guard above keeps it from
     *              ever needing more)
     * @param wake  called on a pool thread when a run has finished, so the monitor takes its outcome at once
     */
    CheckScheduler(List<Check> checks, Timing timing, Executor pool, Clock clock, Secrets secrets, Runnable wake) {
        this.pool = pool;
        this.clock = clock;
        this.secrets = secrets;
        this.wake = wake;
        this.timing = timing;
        for (Check c : checks) add(c);
    }

    /** Schedules one more check, first run now (an application check found while the agent runs). */
    void add(Check c) {
        entries.add(new Entry(c, TimeUnit.MILLISECONDS.toNanos(timing.intervalMillis(c.name())),
                TimeUnit.MILLISECONDS.toNanos(timing.timeoutMillis(c.name())), clock.nanos()));
    }

    /** Stops scheduling check {@code name}; a run still going finishes by itself and is not reported. */
    void remove(String name) {
        entries.removeIf(e -> e.check.name().equals(name));
    }

    /** Starts the checks that are due, reports overdue runs, and returns every outcome known since the last call. */
    List<Finished> poll() {
        long now = clock.nanos();
        List<Finished> out = new ArrayList<>();
        for (Entry e : entries) {
            Run r = e.run;
            boolean reported = false;
            if (r != null && now - r.startedNanos > e.timeoutNanos + TimeUnit.MILLISECONDS.toNanos(GRACE_MILLIS)
                    && r.state.compareAndSet(RUNNING, TIMED_OUT)) {
                r.task.cancel(true); // interrupts I/O that honours it; the check's own timeouts end the rest
                out.add(failed(e, "timed out after " + e.timeoutMillis() + " ms", now - r.startedNanos));
                reported = true;
            }
            if (now - e.nextRunNanos >= 0) {
                // Next slot: one interval on, or one interval from now if the monitor itself was late.
                e.nextRunNanos = now - e.nextRunNanos >= e.intervalNanos ? now + e.intervalNanos
                        : e.nextRunNanos + e.intervalNanos;
                r = e.run;
                if (r == null) {
                    start(e, now);
                } else if (r.state.get() == TIMED_OUT && !reported) {
                    long ms = TimeUnit.NANOSECONDS.toMillis(now - r.startedNanos);
                    out.add(failed(e, "no answer: the run started " + ms + " ms ago has not returned (timeout "
                            + e.timeoutMillis() + " ms)", now - r.startedNanos));
                }
                // else: still running within its timeout; this slot is skipped.
            }
        }
        for (Finished f; (f = finished.poll()) != null; ) {
            out.add(f);
        }
        return out;
    }

    /** Makes every check due now: the next {@link #poll} starts each idle one (a run still going is not started twice). */
    void dueNow() {
        long now = clock.nanos();
        for (Entry e : entries) e.nextRunNanos = now;
    }

    /** When {@link #poll} next has something to do (nanoTime): a check due, or a run reaching its timeout. */
    long nextDueNanos() {
        long next = Long.MAX_VALUE;
        long now = clock.nanos();
        for (Entry e : entries) {
            next = earlier(next, e.nextRunNanos, now);
            Run r = e.run;
            if (r != null && r.state.get() == RUNNING) {
                next = earlier(next, r.startedNanos + e.timeoutNanos + TimeUnit.MILLISECONDS.toNanos(GRACE_MILLIS) + 1,
                        now);
            }
        }
        return next;
    }

    private static long earlier(long current, long candidate, long now) {
        return current == Long.MAX_VALUE || candidate - current < 0 ? candidate : current;
    }

    /** Threads currently held by a check run. */
    int busy() {
        int n = 0;
        for (Entry e : entries) {
            if (e.run != null) n++;
        }
        return n;
    }

    private void start(Entry e, long now) {
        Run run = new Run(now);
        run.task = new FutureTask<>(() -> {
            execute(e, run);
            return null;
        });
        e.run = run;
        try {
            pool.execute(run.task);
        } catch (RuntimeException rejected) { // the pool was shut down
            e.run = null;
        }
    }

    private void execute(Entry e, Run run) {
        long t0 = clock.nanos();
        CheckOutcome o;
        try {
            o = e.check.run();
            if (o == null) {
                o = CheckOutcome.fail(e.check.name(), "the check returned nothing");
            }
        } catch (InterruptedException ie) {
            o = CheckOutcome.fail(e.check.name(), "interrupted");
        } catch (Throwable t) {
            o = CheckOutcome.fail(e.check.name(), AgentLog.describe(t));
        }
        long elapsed = clock.nanos() - t0;
        try {
            if (run.state.compareAndSet(RUNNING, DONE)) {
                finished.add(new Finished(o.withMillis(TimeUnit.NANOSECONDS.toMillis(elapsed))
                        .withMessage(secrets.scrub(o.message)), clock.millis()));
            }
        } finally {
            e.run = null; // the thread is free: the next slot may start a run
            wake.run();
        }
    }

    private Finished failed(Entry e, String message, long elapsedNanos) {
        return new Finished(CheckOutcome.fail(e.check.name(), secrets.scrub(message))
                .withMillis(TimeUnit.NANOSECONDS.toMillis(elapsedNanos)), clock.millis());
    }
}

package io.healthagent.checks;

import io.healthagent.AgentLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Runs the service and dependency checks in parallel on a small pool, each bounded by its timeout.
 * A check whose previous run has not returned yet is not started again: it is reported as failing,
 * so a dependency that accepts connections and never answers holds at most one thread, however long
 * it hangs. The pool therefore never has more threads than there are checks.
 */
public final class CheckRunner {
    /** Extra time a check gets after its own timeout to return by itself before the runner gives up. */
    private static final long GRACE_MILLIS = 250;

    private final ExecutorService pool;
    private final Secrets secrets;
    /**
     * Check name to start time (nanoTime), from submission until the task itself returns. Not the Future:
     * a cancelled Future is "done" while its thread may still be stuck in I/O.
     */
    private final Map<String, Long> running = new ConcurrentHashMap<>();

    public CheckRunner(int checks, Secrets secrets) {
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(Math.max(1, checks), r -> {
            Thread t = new Thread(r, "health-agent-check-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.secrets = secrets;
    }

    /** Called by the monitor thread only. Returns one outcome per check, in the checks' order. */
    public List<CheckOutcome> runAll(List<Check> checks, Function<String, Duration> timeoutOf) {
        long now = System.nanoTime();
        Map<String, Future<CheckOutcome>> started = new LinkedHashMap<>();
        Map<String, CheckOutcome> stuck = new HashMap<>();
        for (Check check : checks) {
            Long since = running.putIfAbsent(check.name(), now);
            if (since != null) {
                long ms = (now - since) / 1_000_000;
                stuck.put(check.name(), CheckOutcome.fail(check.name(), "no answer: the run started " + ms
                        + " ms ago has not returned (timeout " + timeoutOf.apply(check.name()).toMillis() + " ms)")
                        .withMillis(ms));
                continue;
            }
            started.put(check.name(), pool.submit(() -> {
                try {
                    return timed(check);
                } finally {
                    running.remove(check.name());
                }
            }));
        }
        List<CheckOutcome> out = new ArrayList<>(checks.size());
        for (Check check : checks) {
            String name = check.name();
            CheckOutcome o = stuck.get(name);
            if (o == null) {
                o = await(name, started.get(name), timeoutOf.apply(name), now);
            }
            out.add(o.withMessage(secrets.scrub(o.message)));
        }
        return out;
    }

    private CheckOutcome await(String name, Future<CheckOutcome> future, Duration timeout, long startNanos) {
        long deadline = startNanos + TimeUnit.MILLISECONDS.toNanos(timeout.toMillis() + GRACE_MILLIS);
        try {
            return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true); // interrupts blocking I/O that honours it; the check's own timeouts end the rest
            return CheckOutcome.fail(name, "timed out after " + timeout.toMillis() + " ms").withMillis(
                    (System.nanoTime() - startNanos) / 1_000_000);
        } catch (ExecutionException e) {
            return CheckOutcome.fail(name, AgentLog.describe(e.getCause())).withMillis(
                    (System.nanoTime() - startNanos) / 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CheckOutcome.fail(name, "interrupted").withMillis(0);
        }
    }

    private static CheckOutcome timed(Check check) {
        long t0 = System.nanoTime();
        CheckOutcome o;
        try {
            o = check.run();
        } catch (Exception e) {
            o = CheckOutcome.fail(check.name(), AgentLog.describe(e));
        }
        return o.withMillis((System.nanoTime() - t0) / 1_000_000);
    }

    /** Threads currently busy with a check (for tests and diagnostics). */
    public int busy() {
        return running.size();
    }

    public void stop() {
        pool.shutdownNow();
    }
}

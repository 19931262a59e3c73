package io.healthagent.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.healthagent.bootstrap.AgentErrors;
import io.healthagent.checks.Check;
import io.healthagent.checks.CheckOutcome;
import io.healthagent.checks.Secrets;
import io.healthagent.config.Options;
import io.healthagent.config.OptionsLoader;
import io.healthagent.metrics.Measurements;
import io.healthagent.model.CheckStatus;
import io.healthagent.model.HealthCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The pipeline with a fake clock: schedules, hung checks, first snapshot and subscribers, without
 * sleeping. Checks run on real pool threads; the test waits (with a deadline) only for those that return.
 */
class HealthMonitorTest {
    static final class FakeClock implements Clock {
        final AtomicLong nanos = new AtomicLong(1_000_000_000L);
        static final long WALL_BASE = 1_800_000_000_000L;

        @Override
        public long nanos() {
            return nanos.get();
        }

        @Override
        public long millis() {
            return WALL_BASE + TimeUnit.NANOSECONDS.toMillis(nanos.get() - 1_000_000_000L);
        }

        void advanceMillis(long ms) {
            nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(ms));
        }
    }

    /** Blocks, ignoring interrupts, until released: the worst kind of hung dependency. */
    static final class Stuck implements Check {
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public String name() {
            return "stuck";
        }

        @Override
        public CheckOutcome run() {
            while (true) {
                try {
                    release.await();
                    return CheckOutcome.pass("stuck", "released");
                } catch (InterruptedException ignored) {
                    // keeps hanging, like a socket read without a timeout
                }
            }
        }
    }

    static Check check(String name, Supplier<CheckOutcome> body) {
        return new Check() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public CheckOutcome run() {
                return body.get();
            }
        };
    }

    private final FakeClock clock = new FakeClock();
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r);
        t.setDaemon(true);
        return t;
    });
    private HealthMonitor monitor;

    @AfterEach
    void stop() {
        if (monitor != null) monitor.stop();
        pool.shutdownNow();
    }

    private HealthMonitor monitor(String args, List<Check> checks, List<SnapshotSubscriber> subscribers) {
        Options options = OptionsLoader.load(args, new Properties(), Map.of());
        assertTrue(options.problems.isEmpty(), options.problems.toString());
        monitor = new HealthMonitor(options, new Measurements(), new ServiceInfo("svc", "1", clock.millis()), checks,
                new Secrets(List.of("hunter2")), subscribers, clock, pool, () -> io.healthagent.model.StoreStatus.ok("/tmp/health.db"),
                List::of);
        return monitor;
    }

    /** Waits until only {@code stuck} check threads are still busy (the others have returned). */
    private void awaitReturned(int stuck) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (monitor.busyCheckThreads() > stuck) {
            assertTrue(System.nanoTime() < deadline, "check runs did not return within 10 s");
            Thread.sleep(1);
        }
    }

    /** Advances the clock and runs one pass, after the runs it starts have returned. */
    private HealthSnapshot step(long ms, int stuck) throws InterruptedException {
        clock.advanceMillis(ms);
        monitor.runDue();
        awaitReturned(stuck);
        monitor.runDue();
        return monitor.latest();
    }

    @Test
    void aHungCheckNeverDelaysTheSnapshotNorHoldsMoreThanOneThread() throws Exception {
        Stuck stuck = new Stuck();
        List<Check> checks = List.of(check("quick", () -> CheckOutcome.pass("quick", "fine, password hunter2 inside")),
                stuck);
        monitor("check.interval=1s,check.stuck.timeout=5s", checks, List.of());
        monitor.runDue();
        awaitReturned(1);
        monitor.runDue();
        assertNull(monitor.latest(), "no snapshot before every check answered or a second passed");

        HealthSnapshot first = step(1000, 1);
        assertNotNull(first, "the first snapshot comes 1 s in, whatever a hung check does");
        assertEquals(1, first.sequence);
        assertEquals(clock.millis(), first.takenAtMillis);
        assertEquals(clock.millis() / 1000, first.report.timestamp, "timestamp is the moment of assembly");
        HealthCheck pending = first.report.checks.get("stuck");
        assertEquals(CheckStatus.WARN, pending.status);
        assertTrue(pending.message.startsWith("no result yet: the first run started 1000 ms ago"), pending.message);
        assertEquals("fine, password *** inside", first.report.checks.get("quick").message, "secrets scrubbed");

        long seq = first.sequence;
        List<String> stuckMessages = new ArrayList<>();
        for (int s = 2; s <= 12; s++) {
            HealthSnapshot snap = step(1000, 1);
            assertTrue(snap.sequence > seq, "a fresh snapshot every interval (second " + s + ")");
            seq = snap.sequence;
            assertEquals(clock.millis(), snap.takenAtMillis);
            assertEquals(CheckStatus.PASS, snap.report.checks.get("quick").status);
            stuckMessages.add(snap.report.checks.get("stuck").message);
            assertEquals(1, monitor.busyCheckThreads(), "the hung check holds one thread, never more");
        }
        // Started at 0 s, timeout 5 s (+250 ms grace): reported at 6 s, then once per slot while it hangs.
        assertTrue(stuckMessages.get(3).startsWith("no result yet"), stuckMessages.toString());
        assertEquals("timed out after 5000 ms", stuckMessages.get(4), stuckMessages.toString());
        assertTrue(stuckMessages.get(6).startsWith("no answer: the run started 8000 ms ago has not returned (timeout 5000 ms)"),
                stuckMessages.toString());
        HealthCheck failing = monitor.latest().report.checks.get("stuck");
        assertEquals(CheckStatus.FAIL, failing.status);
        assertTrue(failing.failure_count >= 6, "every slot while it hangs counts: " + failing.failure_count);
        assertEquals(1, monitor.latest().report.alerts.size(), "an alert after 3 consecutive failures");

        stuck.release.countDown();
        awaitReturned(0);
        HealthSnapshot recovered = step(1000, 0);
        awaitReturned(0);
        recovered = step(0, 0);
        assertEquals("released", recovered.report.checks.get("stuck").message);
        assertEquals(0, recovered.report.checks.get("stuck").failure_count);
        for (int i = 0; i < 3; i++) recovered = step(1000, 0); // alert.for: three intervals
        assertEquals(1, recovered.report.alerts.size(), recovered.report.alerts.toString());
        assertTrue(recovered.report.alerts.get(0).resolved, "the alert resolves once the check has passed a while");
        assertEquals("stuck:consecutive_failures", recovered.report.alerts.get(0).id);
    }

    @Test
    void theFirstSnapshotComesAsSoonAsEveryCheckAnswered() throws Exception {
        monitor("check.interval=10s", List.of(check("a", () -> CheckOutcome.pass("a", "ok"))), List.of());
        monitor.runDue();
        awaitReturned(0);
        monitor.runDue();
        assertNotNull(monitor.latest(), "every check answered: no need to wait for the first interval");
        assertEquals(CheckStatus.PASS, monitor.latest().report.checks.get("a").status);
        assertTrue(monitor.latest().ready);
    }

    @Test
    void aStatusChangeIsPublishedAtOnceAndEachCheckKeepsItsOwnInterval() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean up = new java.util.concurrent.atomic.AtomicBoolean(true);
        java.util.concurrent.atomic.AtomicInteger slowRuns = new java.util.concurrent.atomic.AtomicInteger();
        List<Check> checks = List.of(
                check("redis", () -> up.get() ? CheckOutcome.pass("redis", "PONG") : CheckOutcome.fail("redis", "refused")),
                check("slow", () -> {
                    slowRuns.incrementAndGet();
                    return CheckOutcome.pass("slow", "ok");
                }));
        monitor("check.interval=10s,check.redis.interval=1s,check.slow.interval=1m", checks, List.of());
        step(0, 0);
        long seq = monitor.latest().sequence;
        up.set(false);
        HealthSnapshot after = step(1000, 0);
        assertEquals(CheckStatus.FAIL, after.report.checks.get("redis").status,
                "a failing dependency is seen at its next run (1 s), not at the next 10 s snapshot");
        assertEquals(seq + 1, after.sequence);
        for (int i = 0; i < 20; i++) step(1000, 0);
        assertEquals(1, slowRuns.get(), "check.slow.interval=1m: one run in the first 21 s");
    }

    @Test
    void aSlowOrFailingSubscriberDelaysNeitherTheSnapshotNorTheOthers() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        List<Long> seen = new CopyOnWriteArrayList<>();
        SnapshotSubscriber slow = new SnapshotSubscriber() {
            public String name() { return "test-slow"; }
            public void onSnapshot(HealthSnapshot s) throws Exception { never.await(); }
        };
        SnapshotSubscriber failing = new SnapshotSubscriber() {
            public String name() { return "test-failing"; }
            public void onSnapshot(HealthSnapshot s) { throw new IllegalStateException("boom"); }
        };
        SnapshotSubscriber counting = new SnapshotSubscriber() {
            public String name() { return "test-counting"; }
            public void onSnapshot(HealthSnapshot s) { seen.add(s.sequence); }
        };
        monitor("check.interval=1s", List.of(check("a", () -> CheckOutcome.pass("a", "ok"))),
                List.of(slow, failing, counting));
        long t0 = System.nanoTime();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (int i = 0; i < 20; i++) {
            long sequence = step(1000, 0).sequence;
            // Paced by the counting subscriber, whose queue holds 4 snapshots: on a busy machine 21 snapshots
            // published in a few ms would overflow it, which is the queue's purpose, not what is tested here.
            while ((!seen.contains(sequence) || failures() < seen.size()) && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
        }
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        long published = monitor.latest().sequence;
        assertTrue(published >= 20, "published " + published);
        while (seen.size() < published && System.nanoTime() < deadline) Thread.sleep(5);
        assertEquals(published, seen.size(), "the counting subscriber got every snapshot, in " + ms + " ms of steps");
        // The failing subscriber has its own thread: wait for it too.
        while (AgentErrors.counts().get("subscriber.test-failing") < published && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(published, AgentErrors.counts().get("subscriber.test-failing").longValue(),
                "every failure of a subscriber is counted at its site");
        never.countDown();
    }

    private static long failures() {
        Long n = AgentErrors.counts().get("subscriber.test-failing");
        return n == null ? 0 : n;
    }

    @Test
    void anExceptionIsAFailWithItsMessage() throws Exception {
        Check broken = new Check() {
            public String name() { return "broken"; }
            public CheckOutcome run() throws Exception { throw new java.io.IOException("disk on fire"); }
        };
        monitor("check.interval=1s", List.of(broken), List.of());
        HealthSnapshot s = step(0, 0);
        assertEquals(CheckStatus.FAIL, s.report.checks.get("broken").status);
        assertEquals("IOException: disk on fire", s.report.checks.get("broken").message);
    }
}

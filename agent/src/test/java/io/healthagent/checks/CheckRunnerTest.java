package io.healthagent.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.healthagent.model.CheckStatus;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class CheckRunnerTest {

    /** A check that blocks, ignoring interrupts, until released: the worst kind of hung dependency. */
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

    static final class Quick implements Check {
        @Override
        public String name() {
            return "quick";
        }

        @Override
        public CheckOutcome run() {
            return CheckOutcome.pass("quick", "fine, password hunter2 inside");
        }
    }

    @Test
    void aHungCheckTimesOutHoldsOneThreadAndOthersRunOn() {
        Stuck stuck = new Stuck();
        CheckRunner runner = new CheckRunner(2, new Secrets(List.of("hunter2")));
        List<Check> checks = List.of(stuck, new Quick());
        try {
            long t0 = System.nanoTime();
            List<CheckOutcome> first = runner.runAll(checks, n -> Duration.ofMillis(200));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms < 2000, "runAll returned after " + ms + " ms");
            assertEquals(CheckStatus.FAIL, first.get(0).status);
            assertEquals("timed out after 200 ms", first.get(0).message);
            assertEquals(CheckStatus.PASS, first.get(1).status);
            assertEquals("fine, password *** inside", first.get(1).message, "secrets scrubbed from every message");

            for (int i = 0; i < 5; i++) {
                List<CheckOutcome> again = runner.runAll(checks, n -> Duration.ofMillis(200));
                assertEquals(CheckStatus.FAIL, again.get(0).status);
                assertTrue(again.get(0).message.startsWith("no answer: the run started"), again.get(0).message);
                assertEquals(CheckStatus.PASS, again.get(1).status);
            }
            assertEquals(1, runner.busy(), "the hung check never holds more than one thread");

            stuck.release.countDown();
            CheckOutcome recovered = null;
            for (int i = 0; i < 50 && (recovered == null || recovered.status != CheckStatus.PASS); i++) {
                recovered = runner.runAll(checks, n -> Duration.ofMillis(200)).get(0);
            }
            assertEquals("released", recovered.message);
        } finally {
            runner.stop();
        }
    }

    @Test
    void anExceptionIsAFailWithItsMessage() {
        Check broken = new Check() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public CheckOutcome run() throws Exception {
                throw new java.io.IOException("disk on fire");
            }
        };
        CheckRunner runner = new CheckRunner(1, new Secrets(List.of()));
        try {
            CheckOutcome o = runner.runAll(List.of(broken), n -> Duration.ofSeconds(1)).get(0);
            assertEquals(CheckStatus.FAIL, o.status);
            assertEquals("IOException: disk on fire", o.message);
        } finally {
            runner.stop();
        }
    }
}

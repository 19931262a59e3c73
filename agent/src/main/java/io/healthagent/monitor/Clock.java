package io.healthagent.monitor;

/**
 * Time as the monitor sees it, so that schedules, hung checks and rolls can be tested without sleeping.
 * {@link #nanos} schedules (monotonic); {@link #millis} stamps reports (wall clock).
 */
public interface Clock {
    long nanos();

    long millis();

    Clock SYSTEM = new Clock() {
        @Override
        public long nanos() {
            return System.nanoTime();
        }

        @Override
        public long millis() {
            return System.currentTimeMillis();
        }
    };
}

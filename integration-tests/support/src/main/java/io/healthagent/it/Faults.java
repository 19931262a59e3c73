package io.healthagent.it;

/**
 * How much of the faults-and-neighbours matrix a run covers: the suite runs each case in a reduced form
 * (one order of each other agent, 10,000 scanner requests on one host); {@code scripts/faults.sh} sets
 * {@code -Dfaults.full=true} for all of it (both orders, 100,000 requests on each host).
 */
final class Faults {
    private Faults() {
    }

    static boolean full() {
        return Boolean.getBoolean("faults.full");
    }

    /** The reduced count in the suite, the full one in scripts/faults.sh. */
    static int scale(int reduced, int full) {
        return full() ? full : reduced;
    }
}

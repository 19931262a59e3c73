package io.healthagent.checks;

/**
 * A service or dependency check. {@link #run} is called on the check pool, never on a host or
 * endpoint thread; it must bound its own I/O by its timeout (socket and query timeouts), so that a hung
 * dependency frees its thread soon after the runner has given up on it.
 */
public interface Check {
    String name();

    /** Exceptions become a {@code fail} with their message. */
    CheckOutcome run() throws Exception;
}

package io.healthagent.bootstrap;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Every Throwable the agent catches where host code runs (advice, the bridge, async callbacks) or on
 * its own threads (scheduled tasks, subscribers) is counted here, per site, and logged once per site:
 * one line, never a stack trace. The counts are shown as {@code health_agent_errors_total{site}} and in
 * the {@code agent} block of /health/detailed; they must stay 0, and the end-to-end tests assert it.
 *
 * <p>A site is a short constant string ({@code "servlet.jakarta.exit"}), so recording allocates
 * nothing but the counter of a site's first error.
 */
public final class AgentErrors {
    /** What every logged line starts with, so that tests and operators can grep for it. */
    public static final String LOG_PREFIX = "[health-agent] ERROR agent error at ";

    private static final Map<String, AtomicLong> COUNTS = new ConcurrentHashMap<>();
    /** Where the one line goes; the agent installs its own, which masks secrets. */
    private static volatile Consumer<String> log = line -> System.err.println(line);

    private AgentErrors() {
    }

    public static void logTo(Consumer<String> newLog) {
        log = newLog;
    }

    /** Makes a site visible with a count of 0 (modules register their sites when installed). */
    public static void register(String site) {
        COUNTS.computeIfAbsent(site, s -> new AtomicLong());
    }

    /** Counts {@code error} at {@code site}; the first one of each site is logged. Never throws. */
    public static void record(String site, Throwable error) {
        try {
            AtomicLong count = COUNTS.get(site);
            if (count == null) {
                count = COUNTS.computeIfAbsent(site, s -> new AtomicLong());
            }
            if (count.incrementAndGet() == 1) {
                log.accept(LOG_PREFIX + site + ": " + describe(error)
                        + " (counted in health_agent_errors_total; further errors at this site are not logged)");
            }
        } catch (Throwable ignored) {
            // Counting must never be what breaks the host.
        }
    }

    /** Counts an error at {@code site} whose caller has logged it in its own words. Never throws. */
    public static void count(String site) {
        try {
            COUNTS.computeIfAbsent(site, s -> new AtomicLong()).incrementAndGet();
        } catch (Throwable ignored) {
            // Counting must never be what breaks the host.
        }
    }

    /** Per-site counts, sorted by site. */
    public static Map<String, Long> counts() {
        Map<String, Long> out = new TreeMap<>();
        for (Map.Entry<String, AtomicLong> e : COUNTS.entrySet()) {
            out.put(e.getKey(), e.getValue().get());
        }
        return Collections.unmodifiableMap(out);
    }

    public static long total() {
        long total = 0;
        for (AtomicLong c : COUNTS.values()) {
            total += c.get();
        }
        return total;
    }

    private static String describe(Throwable t) {
        if (t == null) {
            return "null";
        }
        String message = t.getMessage();
        String type = t.getClass().getName();
        if (message == null || message.isEmpty()) {
            return type;
        }
        int nl = message.indexOf('\n');
        return type + ": " + (nl < 0 ? message : message.substring(0, nl));
    }
}

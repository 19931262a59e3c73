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

    private static final Map<String, Site> SITES = new ConcurrentHashMap<>();
    /** Where the one line goes; the agent installs its own, which masks secrets. */
    private static volatile Consumer<String> log = line -> System.err.println(line);

    /** One site's count, and its first error until its line could be written (not under a full heap, say). */
    private static final class Site {
        final AtomicLong count = new AtomicLong();
        volatile boolean logged;
        volatile Throwable unlogged;
    }

    private AgentErrors() {
    }

    public static void logTo(Consumer<String> newLog) {
        log = newLog;
    }

    /** Makes a site visible with a count of 0 (modules register their sites when installed). */
    public static void register(String site) {
        SITES.computeIfAbsent(site, s -> new Site());
    }

    /**
     * Counts {@code error} at {@code site}; the first one of each site is logged. Never throws. When the line
     * cannot be written (an OutOfMemoryError: building it needs the heap), the error is kept, allocating
     * nothing, and {@link #logPending} writes it once it can.
     */
    public static void record(String site, Throwable error) {
        try {
            Site s = SITES.get(site);
            if (s == null) {
                s = SITES.computeIfAbsent(site, k -> new Site());
            }
            if (s.count.incrementAndGet() == 1) {
                s.unlogged = error;
                logPending(site, s);
            }
        } catch (Throwable ignored) {
            // Counting must never be what breaks the host.
        }
    }

    /** Writes the lines of first errors that could not be written when they happened (the monitor calls it). */
    public static void logPending() {
        try {
            for (Map.Entry<String, Site> e : SITES.entrySet()) {
                if (!e.getValue().logged && e.getValue().unlogged != null) logPending(e.getKey(), e.getValue());
            }
        } catch (Throwable ignored) {
            // again at the next call
        }
    }

    private static void logPending(String site, Site s) {
        Throwable error = s.unlogged;
        try {
            log.accept(LOG_PREFIX + site + ": " + describe(error)
                    + " (counted in health_agent_errors_total; further errors at this site are not logged)");
            s.logged = true;
            s.unlogged = null;
        } catch (Throwable notNow) {
            // kept in s.unlogged for logPending()
        }
    }

    /** Counts an error at {@code site} whose caller has logged it in its own words. Never throws. */
    public static void count(String site) {
        try {
            Site s = SITES.computeIfAbsent(site, k -> new Site());
            s.count.incrementAndGet();
            s.logged = true;
        } catch (Throwable ignored) {
            // Counting must never be what breaks the host.
        }
    }

    /** Per-site counts, sorted by site. */
    public static Map<String, Long> counts() {
        Map<String, Long> out = new TreeMap<>();
        for (Map.Entry<String, Site> e : SITES.entrySet()) {
            out.put(e.getKey(), e.getValue().count.get());
        }
        return Collections.unmodifiableMap(out);
    }

    public static long total() {
        long total = 0;
        for (Site s : SITES.values()) {
            total += s.count.get();
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

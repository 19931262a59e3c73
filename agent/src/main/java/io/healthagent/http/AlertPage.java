package io.healthagent.http;

import io.healthagent.model.AlertHistoryEntry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One page of /health/alerts: alerts newest first that were active at or after {@code since} (Unix
 * seconds: still active, or resolved since), at most {@code limit} (default 100, at most 1000), after
 * {@code cursor} (the {@code next} of the previous page).
 */
final class AlertPage {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    final List<AlertHistoryEntry> alerts;
    /** The cursor of the next page, or null on the last one. */
    final String next;

    private AlertPage(List<AlertHistoryEntry> alerts, String next) {
        this.alerts = alerts;
        this.next = next;
    }

    static AlertPage of(List<AlertHistoryEntry> newestFirst, String sinceParam, String limitParam, String cursorParam) {
        long since = parse("since", sinceParam, 0, Long.MAX_VALUE, 0);
        int limit = (int) parse("limit", limitParam, 1, MAX_LIMIT, DEFAULT_LIMIT);
        long cursor = parse("cursor", cursorParam, 0, Long.MAX_VALUE, Long.MAX_VALUE);
        List<AlertHistoryEntry> out = new ArrayList<>();
        String next = null;
        for (AlertHistoryEntry e : newestFirst) {
            if (e.sequence() >= cursor || (e.resolved_at != null && e.resolved_at < since)) {
                continue;
            }
            if (out.size() == limit) {
                next = Long.toString(out.get(out.size() - 1).sequence());
                break;
            }
            out.add(e);
        }
        return new AlertPage(Collections.unmodifiableList(out), next);
    }

    /** A whole-number query parameter within min..max, or {@code absent} when it is not given. */
    static long parse(String name, String value, long min, long max, long absent) {
        if (value == null || value.isEmpty()) {
            return absent;
        }
        try {
            long v = Long.parseLong(value.trim());
            if (v < min || v > max) throw new NumberFormatException();
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("parameter '" + name + "' must be a whole number from " + min
                    + (max == Long.MAX_VALUE ? "" : " to " + max) + (name.equals("since") ? " (Unix seconds)" : ""));
        }
    }
}

package io.healthagent.config;

import io.healthagent.model.AlertSeverity;
import io.healthagent.model.ServiceStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** How the option table reads values. Each throws an IllegalArgumentException naming the accepted form. */
final class ValueReaders {
    private ValueReaders() {
    }

    static Option.Reader<String> text() {
        return (key, value) -> value;
    }

    static Option.Reader<Boolean> bool() {
        return (key, value) -> {
            if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) return Boolean.parseBoolean(value);
            throw new IllegalArgumentException("expected true or false");
        };
    }

    static Option.Reader<Integer> port() {
        return (key, value) -> {
            try {
                int p = Integer.parseInt(value);
                if (p >= 0 && p <= 65535) return p;
            } catch (NumberFormatException ignored) {
                // named below
            }
            throw new IllegalArgumentException("expected a number from 0 to 65535 (0 picks a free port)");
        };
    }

    static Option.Reader<String> host() {
        return (key, value) -> {
            if (value.isEmpty() || value.matches(".*[\\s/,].*")) {
                throw new IllegalArgumentException("expected an address like 0.0.0.0 or 127.0.0.1");
            }
            return value;
        };
    }

    static Option.Reader<Duration> duration(Duration least) {
        return (key, value) -> {
            Duration d = Durations.parse(value);
            if (d.compareTo(least) < 0) throw new IllegalArgumentException("expected at least " + Durations.format(least));
            return d;
        };
    }

    static Option.Reader<Long> size(long least, String leastText) {
        return (key, value) -> {
            long v = Sizes.parse(value);
            if (v < least) throw new IllegalArgumentException("expected at least " + leastText);
            return v;
        };
    }

    /** "20" or "20%", from 0 to {@code max} (inclusive or not). */
    static Option.Reader<Double> percentage(double max, boolean maxIncluded, String example) {
        String form = "expected a percentage from 0 to " + (maxIncluded ? fmt(max) : fmt(max - 1)) + ", like " + example;
        return (key, value) -> {
            try {
                double v = Double.parseDouble(value.endsWith("%") ? value.substring(0, value.length() - 1) : value);
                if (v >= 0 && (maxIncluded ? v <= max : v < max)) return v;
            } catch (NumberFormatException ignored) {
                // named below
            }
            throw new IllegalArgumentException(form);
        };
    }

    static Option.Reader<Integer> wholeAbove0() {
        return (key, value) -> {
            int v;
            try {
                v = Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected a whole number above 0");
            }
            if (v < 1) throw new IllegalArgumentException("expected a whole number above 0");
            return v;
        };
    }

    static Option.Reader<Float> fraction() {
        return (key, value) -> {
            float v;
            try {
                v = Float.parseFloat(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected a number");
            }
            if (!(v >= 0 && v <= 1)) throw new IllegalArgumentException("expected a fraction from 0 to 1, like 0.1");
            return v;
        };
    }

    static Option.Reader<String> expectedStatus() {
        return (key, value) -> {
            if (!value.equalsIgnoreCase("2xx") && !value.matches("[1-5]\\d\\d")) {
                throw new IllegalArgumentException("expected 2xx or a status code like 204");
            }
            return value.toLowerCase(Locale.ROOT);
        };
    }

    static Option.Reader<String> oneOf(String... values) {
        List<String> allowed = java.util.Arrays.asList(values);
        String form = "expected " + String.join(", ", allowed.subList(0, allowed.size() - 1)) + " or "
                + allowed.get(allowed.size() - 1);
        return (key, value) -> {
            if (allowed.contains(value)) return value;
            throw new IllegalArgumentException(form);
        };
    }

    static Option.Reader<AlertSeverity> severity() {
        return (key, value) -> {
            for (AlertSeverity s : AlertSeverity.values()) {
                if (s.wire().equalsIgnoreCase(value)) return s;
            }
            throw new IllegalArgumentException("expected Info, Warning, Critical or Emergency");
        };
    }

    static Option.Reader<String> httpUrl() {
        return (key, value) -> {
            if (!value.matches("https?://[^\\s/]+.*")) throw new IllegalArgumentException("expected an http:// or https:// URL");
            return value;
        };
    }

    /** check.NAME.url: any URL a check understands, under a name that is not a built-in check's. */
    static Option.Reader<String> checkUrl(Set<String> builtInChecks) {
        return (key, value) -> {
            String name = key.substring("check.".length(), key.length() - ".url".length());
            if (builtInChecks.contains(name)) {
                throw new Option.Refused(": '" + name + "' is a built-in check name; choose another NAME");
            }
            if (value.isEmpty()) {
                throw new Option.Refused(" is empty; expected http(s)://..., tcp://host:port or a JDBC URL");
            }
            return value;
        };
    }

    /** A token is never echoed, even a malformed one. */
    static Option.Reader<String> token() {
        return (key, value) -> {
            if (value.isEmpty()) throw new Option.Refused(" is empty; endpoints stay open");
            return value;
        };
    }

    /** threshold.METRIC.SEVERITY: a percentage, or a duration for response_time (kept in milliseconds). */
    static Option.Reader<Double> threshold() {
        return (key, value) -> {
            if (key.startsWith("threshold." + Thresholds.Metric.RESPONSE_TIME.key + ".")) {
                try {
                    return (double) Durations.parse(value).toMillis();
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("expected a duration like 500ms, 1s or 3s");
                }
            }
            try {
                return percentage(100, true, "70%").read(key, value);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("expected a percentage from 0 to 100");
            }
        };
    }

    static Option.Reader<Set<String>> checkNames() {
        return names("[A-Za-z0-9_.-]+", "expected check names separated by ';', like database;audio_directory");
    }

    /** Name patterns separated by ';', {@code *} matching any run of characters (catalog*;*Api). */
    static Option.Reader<Set<String>> namePatterns() {
        return names("[A-Za-z0-9_.*-]+", "expected name patterns separated by ';', like catalog*;payments");
    }

    /** A ';'-separated list, each item matching {@code form}, blanks ignored, in the order given. */
    private static Option.Reader<Set<String>> names(String form, String expected) {
        return (key, value) -> {
            Set<String> names = new LinkedHashSet<>();
            for (String n : value.split(";")) {
                String name = n.trim();
                if (name.isEmpty()) continue;
                if (!name.matches(form)) throw new IllegalArgumentException(expected);
                names.add(name);
            }
            return Collections.unmodifiableSet(names);
        };
    }

    static Option.Reader<Map<ServiceStatus, Integer>> statusMapping() {
        return (key, value) -> {
            Map<ServiceStatus, Integer> mapping = new EnumMap<>(ServiceStatus.class);
            try {
                for (String pair : value.split(";")) {
                    if (pair.trim().isEmpty()) continue;
                    String[] kv = pair.split(":", 2);
                    ServiceStatus status = null;
                    for (ServiceStatus st : ServiceStatus.values()) {
                        if (st.wire().equals(kv[0].trim())) status = st;
                    }
                    int code = Integer.parseInt(kv[1].trim());
                    if (status == null || code < 200 || code > 599) throw new NumberFormatException();
                    mapping.put(status, code);
                }
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(
                        "expected STATUS:CODE pairs separated by ';', like unhealthy:503;critical:503");
            }
            return Collections.unmodifiableMap(mapping);
        };
    }

    /** Agent arguments split on commas, so route patterns are separated by ';'. */
    static Option.Reader<List<String>> routePatterns() {
        return (key, value) -> {
            List<String> patterns = new ArrayList<>();
            for (String p : value.split(";")) {
                String pattern = p.trim();
                if (pattern.isEmpty()) continue;
                String why = io.healthagent.metrics.PathRoutes.problemWith(pattern);
                if (why != null) {
                    throw new IllegalArgumentException("expected paths separated by ';', like /api/tracks/{id};/stream/* ("
                            + why + ")");
                }
                patterns.add(pattern);
            }
            return Collections.unmodifiableList(patterns);
        };
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}

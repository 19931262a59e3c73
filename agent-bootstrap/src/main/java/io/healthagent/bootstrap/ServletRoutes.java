package io.healthagent.bootstrap;

import java.lang.ref.WeakReference;

/**
 * The URL patterns a servlet is registered under, resolved once per servlet instance, and the choice of
 * the pattern a request matched: the route of containers whose requests cannot tell their mapping
 * (javax.servlet before 4.0 has no {@code getHttpServletMapping()}). A servlet mapped at {@code /} or
 * {@code /*} reports that pattern, never the request's path, so ids and tokens in URLs never become routes.
 *
 * <p>Lookups take no lock and allocate nothing: patterns are kept per servlet class (a {@link ClassValue},
 * which does not keep the class alive) in a small copy-on-write array of weakly held servlet instances.
 */
public final class ServletRoutes {
    private static final String[] NONE = new String[0];

    private static final ClassValue<Entries> BY_CLASS = new ClassValue<Entries>() {
        @Override
        protected Entries computeValue(Class<?> type) {
            return new Entries();
        }
    };

    private static final class Entries {
        volatile Entry[] entries = new Entry[0];
    }

    private static final class Entry {
        final WeakReference<Object> servlet;
        final String[] patterns;

        Entry(Object servlet, String[] patterns) {
            this.servlet = new WeakReference<>(servlet);
            this.patterns = patterns;
        }
    }

    private ServletRoutes() {
    }

    /** The patterns registered for {@code servlet}, or null when they have not been resolved yet. */
    public static String[] patternsOf(Object servlet) {
        Entry[] entries = BY_CLASS.get(servlet.getClass()).entries;
        for (Entry e : entries) {
            if (e.servlet.get() == servlet) {
                return e.patterns;
            }
        }
        return null;
    }

    /** Remembers {@code servlet}'s patterns (null: not registered through the API) and returns them. */
    public static String[] remember(Object servlet, String[] patterns) {
        String[] kept = patterns == null ? NONE : patterns.clone();
        Entries holder = BY_CLASS.get(servlet.getClass());
        synchronized (holder) { // once per servlet instance, never on the request path again
            Entry[] old = holder.entries;
            int live = 0;
            for (Entry e : old) {
                if (e.servlet.get() != null && e.servlet.get() != servlet) live++;
            }
            Entry[] next = new Entry[live + 1];
            int i = 0;
            for (Entry e : old) {
                if (e.servlet.get() != null && e.servlet.get() != servlet) next[i++] = e;
            }
            next[i] = new Entry(servlet, kept);
            holder.entries = next;
        }
        return kept;
    }

    /**
     * The pattern among {@code patterns} that a request with this servlet path and path info matched,
     * by the servlet specification's rules (exact, longest prefix, extension, default).
     *
     * @return the pattern, or null when the servlet has none (counted as "other")
     */
    public static String select(String[] patterns, String servletPath, String pathInfo) {
        if (patterns == null || patterns.length == 0) {
            return null;
        }
        if (patterns.length == 1) {
            return patterns[0];
        }
        String sp = servletPath == null ? "" : servletPath;
        String prefix = null;
        String extension = null;
        String fallback = null;
        for (String p : patterns) {
            if (p == null) {
                continue;
            }
            if (p.equals("/")) {
                fallback = p;
            } else if (p.isEmpty()) {
                if (sp.isEmpty() && "/".equals(pathInfo)) return p; // the context root
            } else if (p.endsWith("/*")) {
                // "/x/*" gives servlet path "/x"; "/*" gives "".
                if (sp.length() == p.length() - 2 && sp.regionMatches(0, p, 0, p.length() - 2)
                        && (prefix == null || p.length() > prefix.length())) {
                    prefix = p;
                }
            } else if (p.startsWith("*.")) {
                int n = p.length() - 1; // ".ext"
                if (pathInfo == null && sp.length() >= n && sp.regionMatches(sp.length() - n, p, 1, n)) {
                    extension = p;
                }
            } else if (pathInfo == null && p.equals(sp)) {
                return p; // exact
            }
        }
        if (prefix != null) return prefix;
        if (extension != null) return extension;
        if (fallback != null) return fallback;
        return patterns[0];
    }
}

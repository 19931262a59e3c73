package io.healthagent.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * The route of a request on a server that has no templates of its own (Netty, Undertow's handlers,
 * NanoHTTPD): the first of the operator's patterns ({@code routes=/api/tracks/{id};/stream/*}) that its
 * path matches, else its first segment ({@code /api/*} for {@code /api/tracks/17}, {@code /api} for
 * {@code /api}, {@code /} for {@code /}).
 *
 * <p>Patterns: segments separated by '/'; {@code {name}} or {@code *} matches one segment; a final
 * {@code /*} or {@code /**} matches the rest of the path (nothing included). The query string never counts.
 *
 * <p>Runs on every request of such a server: matching reads the path in place, and a first segment seen
 * before is found again by a hash of the characters, so no String is made once a route is known. Paths
 * arrive from anyone: at most {@value #MAX_SEGMENTS} first-segment routes exist at once, after which new
 * ones are "other", so a scan of random paths cannot push real routes out; {@link RequestMetrics} gives back
 * the ones that only ever answered 404 ({@link #forget}), so a scan leaves no route behind.
 */
public final class PathRoutes {
    static final int MAX_SEGMENTS = 100;

    private final String[] patterns;
    private final String[][] segments;
    /** Per pattern and segment: {@code {name}} or {@code *}, any one segment. */
    private final boolean[][] wild;
    private final boolean[] rest;
    /**
     * First-segment routes made so far, open addressing by hash of the segment (written under this lock,
     * replaced whole by {@link #forget}). A reader that sees a stale or half-published table only misses a
     * route, and finds it again under the lock in {@link #add}.
     */
    private String[] known = new String[256];
    private int knownCount;

    public PathRoutes(List<String> patterns) {
        this.patterns = patterns.toArray(new String[0]);
        this.segments = new String[this.patterns.length][];
        this.wild = new boolean[this.patterns.length][];
        this.rest = new boolean[this.patterns.length];
        for (int i = 0; i < this.patterns.length; i++) {
            String p = this.patterns[i];
            boolean r = p.endsWith("/*") || p.endsWith("/**");
            String body = r ? p.substring(0, p.lastIndexOf('/')) : p;
            List<String> parts = new ArrayList<>();
            for (String s : body.split("/")) {
                if (!s.isEmpty()) parts.add(s.startsWith("{") && s.endsWith("}") ? "*" : s);
            }
            segments[i] = parts.toArray(new String[0]);
            wild[i] = new boolean[parts.size()];
            for (int k = 0; k < parts.size(); k++) wild[i][k] = parts.get(k).equals("*");
            rest[i] = r;
        }
    }

    /** Checks a pattern list as given in the option; returns a one-line problem, or null. */
    public static String problemWith(String pattern) {
        if (!pattern.startsWith("/")) return "'" + pattern + "' does not start with '/'";
        if (pattern.contains("?") || pattern.contains(" ")) return "'" + pattern + "' has a '?' or a space";
        return null;
    }

    /** The route of {@code target} (a request target: a path, maybe with a query, maybe absolute). */
    public String routeOf(String target) {
        int start = pathStart(target);
        for (int i = 0; i < patterns.length; i++) {
            if (matches(segments[i], wild[i], rest[i], target, start)) return patterns[i];
        }
        return firstSegment(target, start);
    }

    /** Where the path begins: after "scheme://authority" for an absolute target. */
    private static int pathStart(String target) {
        if (target.isEmpty() || target.charAt(0) == '/') return 0;
        int scheme = target.indexOf("://");
        if (scheme < 0) return 0;
        int slash = target.indexOf('/', scheme + 3);
        return slash < 0 ? target.length() : slash;
    }

    /**
     * One pass over the path: repeated '/' separate like one, and '?' or '#' end the path, so the query
     * never needs a scan of its own (the hot path of a server without templates runs this per request).
     */
    private static boolean matches(String[] segs, boolean[] wild, boolean rest, String path, int from) {
        int n = path.length();
        int pos = from;
        for (int k = 0; k < segs.length; k++) {
            while (pos < n && path.charAt(pos) == '/') pos++;
            if (pos >= n || endsPath(path.charAt(pos))) return false;
            if (wild[k]) {
                while (pos < n && !endsSegment(path.charAt(pos))) pos++;
            } else {
                String seg = segs[k];
                int len = seg.length();
                if (!path.regionMatches(pos, seg, 0, len)) return false;
                pos += len;
                if (pos < n && !endsSegment(path.charAt(pos))) return false;
            }
        }
        while (pos < n && path.charAt(pos) == '/') pos++;
        return rest || pos >= n || endsPath(path.charAt(pos));
    }

    private static boolean endsPath(char c) {
        return c == '?' || c == '#';
    }

    private static boolean endsSegment(char c) {
        return c == '/' || c == '?' || c == '#';
    }

    /**
     * The first segment's route, in one pass that stops where the segment ends (or, for "/seg/*", at the
     * next character that is not a '/'): the query is never scanned, and the segment's hash is taken on the
     * way. Slots of the table are read without a fence: a route is a String, safe to read through a race.
     */
    private String firstSegment(String path, int from) {
        int n = path.length();
        int pos = from;
        while (pos < n && path.charAt(pos) == '/') pos++;
        int segStart = pos;
        int h = 1;
        for (char c; pos < n && (c = path.charAt(pos)) != '/' && !endsPath(c); pos++) h = 31 * h + c;
        int segEnd = pos;
        if (segEnd == segStart) return "/";
        boolean more = false;
        for (char c; pos < n && !endsPath(c = path.charAt(pos)); pos++) {
            if (c != '/') {
                more = true;
                break;
            }
        }
        h = more ? h * 17 + 1 : h;
        int len = segEnd - segStart;
        String[] t = known;
        int mask = t.length - 1;
        for (int i = (h ^ (h >>> 16)) & mask, k = 0; k <= mask; i = (i + 1) & mask, k++) {
            String r = t[i];
            if (r == null) break;
            if (isRoute(r, path, segStart, len, more)) return r;
        }
        return add(path.substring(segStart, segEnd), more, h);
    }

    /** {@code r} is "/seg" or "/seg/*" for the segment at path[pos, pos+len). */
    private static boolean isRoute(String r, String path, int pos, int len, boolean more) {
        int want = 1 + len + (more ? 2 : 0);
        return r.length() == want && r.regionMatches(1, path, pos, len) && (!more || r.endsWith("/*"));
    }

    private synchronized String add(String segment, boolean more, int h) {
        String route = "/" + segment + (more ? "/*" : "");
        return insert(known, route, h, true);
    }

    /** Puts {@code route} into {@code t} (the table holds at most 100 of 256 slots, so a free one is always found). */
    private String insert(String[] t, String route, int h, boolean counted) {
        int mask = t.length - 1;
        int i = (h ^ (h >>> 16)) & mask;
        for (int n = 0; n <= mask; i = (i + 1) & mask, n++) {
            String r = t[i];
            if (r == null) break;
            if (r.equals(route)) return r;
        }
        if (counted && knownCount >= MAX_SEGMENTS) return RequestMetrics.OTHER;
        t[i] = route;
        if (counted) knownCount++;
        return route;
    }

    /** Whether this class made {@code route} from a path's first segment (not one of the operator's patterns). */
    synchronized boolean madeFromPath(String route) {
        for (String r : known) {
            if (route.equals(r)) return true;
        }
        return false;
    }

    /** Frees the slots of first-segment routes that are gone, so that new paths can have routes again. */
    synchronized void forget(java.util.Collection<String> gone) {
        String[] fresh = new String[known.length];
        int count = 0;
        for (String r : known) {
            if (r != null && !gone.contains(r)) {
                insert(fresh, r, hashOf(r), false);
                count++;
            }
        }
        knownCount = count;
        known = fresh;
    }

    /** The hash {@link #firstSegment} takes of the path that makes {@code route}. */
    private static int hashOf(String route) {
        boolean more = route.endsWith("/*");
        int h = 1;
        for (int i = 1, end = route.length() - (more ? 2 : 0); i < end; i++) h = 31 * h + route.charAt(i);
        return more ? h * 17 + 1 : h;
    }
}

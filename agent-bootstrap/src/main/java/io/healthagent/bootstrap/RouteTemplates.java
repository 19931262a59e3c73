package io.healthagent.bootstrap;

/**
 * Route templates a framework builds from parts (a Vert.x Web route's mount point, path and wildcard),
 * made once per route object and found again without allocating, by identity.
 */
public final class RouteTemplates {
    private static final WeakIdentityTable<String> TABLE = new WeakIdentityTable<>();

    private RouteTemplates() {
    }

    /** The template made for {@code route}, "" for a route that has none, or null when not made yet. */
    public static String get(Object route) {
        return TABLE.get(route);
    }

    /** Keeps {@code template} ("" for none) for {@code route}; returns it. */
    public static String remember(Object route, String template) {
        String t = template == null ? "" : template;
        TABLE.put(route, t);
        return t;
    }

    /**
     * Path templates joined as a framework nests them (an application's base path, a class's, a method's):
     * one slash between parts, none at the end, empty parts and "/" skipped; "/" when nothing is left.
     * Called once per route object, when its template is made.
     */
    public static String join(String... parts) {
        StringBuilder b = new StringBuilder();
        for (String part : parts) {
            if (part == null) continue;
            int from = 0;
            int to = part.length();
            while (from < to && part.charAt(from) == '/') from++;
            while (to > from && part.charAt(to - 1) == '/') to--;
            if (from == to) continue;
            b.append('/').append(part, from, to);
        }
        return b.length() == 0 ? "/" : b.toString();
    }
}

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
}

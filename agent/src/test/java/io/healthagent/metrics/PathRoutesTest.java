package io.healthagent.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.junit.jupiter.api.Test;

class PathRoutesTest {
    private final PathRoutes routes = new PathRoutes(List.of("/api/tracks/{id}", "/api/tracks/{id}/play", "/stream/*",
            "/api/ping"));

    @Test
    void theFirstPatternThatMatchesNamesTheRoute() {
        assertEquals("/api/tracks/{id}", routes.routeOf("/api/tracks/17"));
        assertEquals("/api/tracks/{id}", routes.routeOf("/api/tracks/17?format=mp3"), "the query never counts");
        assertEquals("/api/tracks/{id}/play", routes.routeOf("/api/tracks/17/play"));
        assertEquals("/stream/*", routes.routeOf("/stream/42/chunk/3"));
        assertEquals("/stream/*", routes.routeOf("/stream"), "a final /* also matches nothing more");
        assertEquals("/api/ping", routes.routeOf("/api/ping"));
        assertEquals("/api/tracks/{id}", routes.routeOf("http://host:8080/api/tracks/9"), "an absolute target's path");
    }

    @Test
    void otherwiseTheFirstSegment() {
        assertEquals("/api/*", routes.routeOf("/api/tracks"), "no pattern matches: the first segment and the rest");
        assertEquals("/api/*", routes.routeOf("/api/tracks/17/other"));
        assertEquals("/favicon.ico", routes.routeOf("/favicon.ico"), "a single segment is itself");
        assertEquals("/", routes.routeOf("/"));
        assertEquals("/", routes.routeOf("/?x=1"));
        assertEquals("/api", routes.routeOf("/api/?next=/x/y"), "a query after a slash adds nothing");
        assertEquals("/api", routes.routeOf("/api#/x/y"), "nor does a fragment");
        assertEquals("/api/*", routes.routeOf("//api//x?y"), "repeated slashes separate like one");
        assertEquals("/api", routes.routeOf("/api//"));
        assertSame(routes.routeOf("/health/live"), routes.routeOf("/health/ready"), "found again, not made again");
    }

    @Test
    void firstSegmentsAreBoundedSoThatAScanCannotFloodRoutes() {
        PathRoutes fresh = new PathRoutes(List.of());
        for (int i = 0; i < PathRoutes.MAX_SEGMENTS; i++) {
            assertEquals("/s" + i + "/*", fresh.routeOf("/s" + i + "/x"));
        }
        assertEquals(RequestMetrics.OTHER, fresh.routeOf("/new/x"), "past the bound: other");
        assertEquals("/s7/*", fresh.routeOf("/s7/y"), "known ones still resolve");

        fresh.forget(List.of("/s3/*", "/s4/*"));
        assertFalse(fresh.madeFromPath("/s3/*"));
        assertTrue(fresh.madeFromPath("/s7/*"));
        assertEquals("/s7/*", fresh.routeOf("/s7/y"), "the rest still resolve after a forget");
        assertEquals("/new/*", fresh.routeOf("/new/x"), "a forgotten route's place is free again");
        assertEquals("/s3/*", fresh.routeOf("/s3/x"));
        assertEquals(RequestMetrics.OTHER, fresh.routeOf("/newer/x"), "and the bound holds");
        for (int i = 0; i < 5000; i++) fresh.routeOf("/x" + i); // the table never fills: lookups end
        assertFalse(fresh.madeFromPath("/api/tracks/{id}"));
    }

    @Test
    void patternsAreChecked() {
        assertNull(PathRoutes.problemWith("/api/tracks/{id}"));
        assertEquals("'api' does not start with '/'", PathRoutes.problemWith("api"));
    }
}

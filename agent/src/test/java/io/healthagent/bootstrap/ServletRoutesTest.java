package io.healthagent.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/** The servlet specification's mapping rules, as the javax advice uses them for routes. */
class ServletRoutesTest {
    private static final String[] MANY = {"/", "/api/users", "/stream/*", "/stream/live/*", "*.m3u8", "", "/*x"};

    @Test
    void aSingleMappingIsTheRouteWhateverThePath() {
        assertEquals("/", ServletRoutes.select(new String[] {"/"}, "/users/17", null),
                "a servlet mapped at / never reports the request's path");
        assertEquals("/*", ServletRoutes.select(new String[] {"/*"}, "", "/reset-password/s3cr3t-t0ken"));
    }

    @Test
    void severalMappingsPickTheOneTheRequestMatched() {
        assertEquals("/api/users", ServletRoutes.select(MANY, "/api/users", null), "exact");
        assertEquals("/stream/*", ServletRoutes.select(MANY, "/stream", "/42"), "prefix");
        assertEquals("/stream/live/*", ServletRoutes.select(MANY, "/stream/live", "/radio-1"), "longest prefix");
        assertEquals("*.m3u8", ServletRoutes.select(MANY, "/hls/radio-1.m3u8", null), "extension");
        assertEquals("", ServletRoutes.select(MANY, "", "/"), "the context root");
        assertEquals("/", ServletRoutes.select(MANY, "/users/17", null), "default servlet");
        assertNull(ServletRoutes.select(new String[0], "/x", null), "no mapping: counted as other");
    }

    @Test
    void patternsAreRememberedPerServletInstance() {
        Object a = new Object();
        Object b = new Object();
        assertNull(ServletRoutes.patternsOf(a));
        String[] kept = ServletRoutes.remember(a, new String[] {"/a"});
        ServletRoutes.remember(b, new String[] {"/b"});
        assertSame(kept, ServletRoutes.patternsOf(a));
        assertEquals("/b", ServletRoutes.patternsOf(b)[0]);
        assertEquals(0, ServletRoutes.remember(new Object(), null).length, "not registered through the API");
    }
}

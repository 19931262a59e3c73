package io.healthagent.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Routes get more precise as handlers learn them, in-flight counts follow the request from route to route,
 * and a request the server measures itself (bound to the thread) is never started again by a servlet inside.
 */
class RouteLevelsTest {
    private final List<String> events = new ArrayList<>();

    @BeforeEach
    void install() {
        RequestBridge.install(new RequestSink() {
            @Override
            public void routeStarted(String route) {
                events.add("start " + route);
            }

            @Override
            public void routeChanged(String from, String to) {
                events.add("move " + from + " -> " + to);
            }

            @Override
            public String routeForPath(String path) {
                return path.startsWith("/api/") ? "/api/*" : path;
            }

            @Override
            public void requestEnded(String route, int method, long start, long committed, long end, int status,
                                     boolean inFlightCounted) {
                events.add("end " + HttpMethods.name(method) + " " + route + " " + status + (committed != 0 ? " committed" : "")
                        + (inFlightCounted ? "" : " (found in place)"));
            }
        });
    }

    @AfterEach
    void uninstall() {
        RequestBridge.install(null);
    }

    @Test
    void aServletMappingIsRefinedByTheFrameworksTemplate() {
        long start = RequestBridge.enter(true);
        assertTrue(RequestBridge.needsRoute());
        RequestBridge.offerMethod("DELETE");
        RequestBridge.offerRoute("/");                     // DispatcherServlet's mapping
        assertFalse(RequestBridge.needsRoute());
        RequestBridge.offerRoute("/other");                // an inner servlet: the first mapping stays
        assertEquals(List.of("/"), inFlightInPlace());
        RequestBridge.offerTemplate("/api/tracks/{id}");   // Spring's pattern
        assertEquals(List.of("/api/tracks/{id}"), inFlightInPlace(), "in flight where the route went");
        assertTrue(RequestBridge.exit(start));
        RequestBridge.end(start, 200);
        assertEquals(List.of(), inFlightInPlace());
        // A synchronous request is never announced: its frame said it was in flight.
        assertEquals(List.of("end DELETE /api/tracks/{id} 200 (found in place)"), events);
        assertFalse(RequestBridge.inRequest());
        RequestBridge.offerTemplate("/error");             // an error dispatch after the end: nothing
        assertEquals(1, events.size());
    }

    private static List<String> inFlightInPlace() {
        List<String> routes = new ArrayList<>();
        RequestBridge.forEachRequestInPlace(routes::add);
        return routes;
    }

    @Test
    void theLastTemplateWinsAsVertxRoutesRunInOrder() {
        RequestContext c = RequestBridge.startOnPath("/api/tracks/17?x=1", "GET");
        RequestContext before = RequestBridge.bind(c);
        assertNull(before);
        RequestBridge.offerTemplate("/api/*");
        RequestBridge.offerTemplate("/api/tracks/:id");
        RequestBridge.offerRoute("/api/tracks/*");         // a server mapping never undoes a template
        assertEquals("/api/tracks/:id", RequestBridge.currentRoute());
        RequestBridge.bind(before);
        assertFalse(RequestBridge.inRequest());
        c.committed(201);
        assertTrue(c.end());
        assertFalse(c.end(), "once");
        assertEquals(List.of("start /api/*", "move /api/* -> /api/tracks/:id", "end GET /api/tracks/:id 201 committed"), events);
    }

    @Test
    void aServletInsideABoundRequestOffersItsMappingButStartsNothing() {
        RequestContext c = RequestBridge.startOnPath("/api/x", "GET");
        RequestContext before = RequestBridge.bind(c);
        long start = RequestBridge.enter(true);            // Undertow's servlet inside its exchange
        assertEquals(RequestBridge.NOT_RECORDED, start);
        assertTrue(RequestBridge.needsRoute());
        RequestBridge.offerRoute("/api/*");                // same name as the path route: no move
        RequestBridge.offerRoute("/api/x/*");              // already at mapping level: the first stays
        RequestBridge.committed();
        assertFalse(RequestBridge.exit(start));
        RequestBridge.bind(before);
        c.end(200);
        assertEquals(List.of("start /api/*", "end GET /api/* 200 committed"), events);
    }

    @Test
    void pendingRequestsAnswerInOrderAndEndWhenTheConnectionCloses() {
        Object connection = new Object();
        PendingRequests.started(connection, "/api/a", "GET");
        PendingRequests.started(connection, "/b", "POST");
        PendingRequests.started(connection, "/c", "BREW");
        assertEquals(List.of("/api/*", "/b", "/c"), inFlightInPlace(), "found in their connection's queue");
        PendingRequests.committed(connection, 404);
        PendingRequests.ended(connection);                 // the first answer belongs to the first request
        assertEquals(List.of("/b", "/c"), inFlightInPlace());
        PendingRequests.failed(connection, new IllegalStateException("boom"));
        PendingRequests.failed(connection, new java.io.IOException("reset")); // the peer's doing: not a failure
        PendingRequests.closed(connection);
        PendingRequests.ended(connection);                 // nothing left
        assertEquals(List.of(), inFlightInPlace());
        // Never announced, never counted: a snapshot found them in their queue.
        assertEquals(List.of("end GET /api/* 404 committed (found in place)", "end POST /b 500 (found in place)",
                "end other /c 0 (found in place)"), events);
    }

    @Test
    void aQueuedRequestMovesToItsTemplateWithoutAnnouncingIt() {
        Object connection = new Object();
        RequestContext c = PendingRequests.started(connection, "/api/tracks/17", "GET");
        RequestContext before = RequestBridge.bind(c);
        RequestBridge.offerTemplate("/api/tracks/:id");    // Vert.x Web's route, on Netty
        RequestBridge.bind(before);
        assertEquals(List.of("/api/tracks/:id"), inFlightInPlace());
        PendingRequests.answered(connection, 200);
        assertEquals(List.of(), inFlightInPlace());
        // Ended without a compare-and-set (only its queue ends it), and still only once.
        assertTrue(c.isEnded());
        assertFalse(c.end(500));
        assertFalse(c.answered(500));
        assertEquals(List.of("end GET /api/tracks/:id 200 committed (found in place)"), events);
    }

    @Test
    void aPipelinedRequestDispatchedLaterIsNamedWhenBoundAgain() {
        Object connection = new Object();
        PendingRequests.startBound(connection, "/api/tracks/1", "GET"); // two pipelined requests read at once
        PendingRequests.startBound(connection, "/api/tracks/2", "GET");
        RequestBridge.bind(null);                          // the read is over; the server answers the first later
        PendingRequests.bindOldest(connection);
        RequestBridge.offerTemplate("/api/tracks/{id}");
        RequestBridge.bind(null);
        PendingRequests.answered(connection, 200);
        PendingRequests.bindOldest(connection);            // the server hands on the second once the first went out
        RequestBridge.offerTemplate("/api/tracks/{id}");
        RequestBridge.bind(null);
        PendingRequests.answered(connection, 200);
        assertEquals(List.of("end GET /api/tracks/{id} 200 committed (found in place)",
                "end GET /api/tracks/{id} 200 committed (found in place)"), events);
    }

    @Test
    void templatesJoinWithOneSlashBetweenParts() {
        assertEquals("/api/tracks/{id}", RouteTemplates.join("/", "/api", "/tracks/{id}"));
        assertEquals("/app/api/tracks/{id}", RouteTemplates.join("/app/", "api/", "tracks/{id}"));
        assertEquals("/", RouteTemplates.join(null, "", "/"));
        assertEquals("/stream/{ms}", RouteTemplates.join(null, "/stream", "/{ms}"));
    }

    @Test
    void aConnectionsNextRequestStartsCleanInItsLastEndedContext() {
        Object connection = new Object();
        PendingRequests.startBound(connection, "/api/tracks/17", "GET");
        RequestContext first = RequestBridge.current();
        RequestBridge.offerTemplate("/api/tracks/:id");
        PendingRequests.committed(connection, 404);
        RequestBridge.bind(null);                          // the read is over
        PendingRequests.ended(connection);
        PendingRequests.startBound(connection, "/b", "GET");      // kept alive: the same object, started again
        RequestContext second = RequestBridge.current();
        RequestBridge.bind(null);
        assertSame(first, second);
        assertFalse(second.isEnded());
        assertEquals(List.of("/b"), inFlightInPlace(), "the first request's template is gone");
        PendingRequests.answered(connection, 200);         // not committed with the first request's 404
        assertEquals(List.of("end GET /api/tracks/:id 404 committed (found in place)",
                "end GET /b 200 committed (found in place)"), events);
    }

    @Test
    void aContextStillBoundIsNotStartedAgain() {
        Object connection = new Object();
        PendingRequests.startBound(connection, "/api/a", "GET"); // two pipelined requests decoded in one read
        RequestContext first = RequestBridge.current();
        PendingRequests.answered(connection, 200);         // the first is answered while its handlers run
        PendingRequests.startBound(connection, "/b", "GET");
        RequestContext second = RequestBridge.current();
        assertNotSame(first, second);
        first.offerTemplate("/api/:late");                 // the first one's handler, late: nothing moves
        RequestBridge.bind(null);
        assertEquals(List.of("/b"), inFlightInPlace());
        PendingRequests.answered(connection, 200);
        assertEquals(List.of("end GET /api/* 200 committed (found in place)", "end GET /b 200 committed (found in place)"),
                events);
    }
}

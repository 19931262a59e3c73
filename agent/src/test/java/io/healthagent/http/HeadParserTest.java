package io.healthagent.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HeadParserTest {
    private static HeadParser.Result parse(String head) {
        byte[] b = head.getBytes(StandardCharsets.ISO_8859_1);
        return HeadParser.parse(b, b.length);
    }

    private static int status(String head) {
        return parse(head).errorStatus;
    }

    @Test
    void aCompleteGetIsParsedAndWhatFollowsIsLeftForTheNextRequest() {
        String first = "GET /health/history/?metric=p95&since=17&x=a%20b HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer t\r\n\r\n";
        HeadParser.Result r = parse(first + "GET /health HTTP/1.1\r\n");
        assertFalse(r.isError());
        assertEquals(first.length(), r.consumed);
        assertEquals("GET", r.request.method);
        assertEquals("/health/history", r.request.path, "a trailing slash is dropped");
        assertEquals("p95", r.request.query.get("metric"));
        assertEquals("a b", r.request.query.get("x"));
        assertEquals("Bearer t", r.request.headers.get("authorization"));
        assertTrue(r.request.keepAlive);
        assertFalse(parse("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").request.keepAlive);
        assertFalse(parse("GET / HTTP/1.0\r\n\r\n").request.keepAlive, "HTTP/1.0 closes unless asked");
        assertTrue(parse("HEAD /metrics HTTP/1.0\nConnection: keep-alive\n\n").request.keepAlive, "bare LF accepted");
    }

    @Test
    void anIncompleteHeadWaitsForMoreBytes() {
        assertSame(HeadParser.Result.INCOMPLETE, parse("GET /health HTTP/1.1\r\nHost: x\r\n"));
        assertSame(HeadParser.Result.INCOMPLETE, parse("GE"));
    }

    @Test
    void whatThePortRefuses() {
        assertEquals(414, status("GET /" + "a".repeat(HeadParser.MAX_REQUEST_LINE + 10)));
        assertEquals(414, status("GET /" + "a".repeat(HeadParser.MAX_REQUEST_LINE + 10) + " HTTP/1.1\r\nHost: x\r\n\r\n"));
        assertEquals(431, status("GET / HTTP/1.1\r\nHost: x\r\nX: " + "a".repeat(HeadParser.MAX_HEAD)));
        StringBuilder many = new StringBuilder("GET / HTTP/1.1\r\nHost: x\r\n");
        for (int i = 0; i < 100; i++) many.append("X-").append(i).append(": 1\r\n");
        assertEquals(431, status(many + "\r\n"));
        assertEquals(405, status("PUT /health HTTP/1.1\r\nHost: x\r\n\r\n"));
        assertEquals(0, status("POST /health/checks/run HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n"),
                "POST without a body reaches the endpoints, which decide (POST /health/checks/run)");
        assertEquals(413, status("POST /health HTTP/1.1\r\nHost: x\r\nContent-Length: 100000000\r\n\r\n"),
                "a declared body is refused before the method: it would never be read");
        assertEquals(413, status("GET /health HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"));
        assertEquals(400, status("GET /health?%zz HTTP/1.1\r\nHost: x\r\n\r\n"));
        assertEquals(400, status("GET /%e HTTP/1.1\r\nHost: x\r\n\r\n"));
        assertEquals(400, status("GET / HTTP/2.0\r\nHost: x\r\n\r\n"), "a 4xx: no input gets a 5xx");
        assertEquals(400, status("GET / HTTP/1.1\r\n\r\n"), "HTTP/1.1 needs Host");
        assertEquals(400, status("GET  / HTTP/1.1\r\nHost: x\r\n\r\n"));
        assertEquals(400, status("\u0000\u0001garbage\r\n\r\n"));
        assertEquals(400, status("GET / HTTP/1.1\r\nHost x\r\n\r\n"));
        assertEquals(400, status("GET * HTTP/1.1\r\nHost: x\r\n\r\n"));
        assertEquals(400, status("G(T / HTTP/1.1\r\nHost: x\r\n\r\n"));
    }
}

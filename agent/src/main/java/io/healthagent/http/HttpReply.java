package io.healthagent.http;

import io.healthagent.model.ReportJson;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the port sends back: status, content type, body, and a few extra headers. Immutable once built. */
final class HttpReply {
    static final String JSON = "application/json";

    final int status;
    final String contentType;
    final byte[] body;
    final Map<String, String> headers = new LinkedHashMap<>();

    HttpReply(int status, String contentType, byte[] body) {
        this.status = status;
        this.contentType = contentType;
        this.body = body;
    }

    static HttpReply json(int status, byte[] body) {
        return new HttpReply(status, JSON, body);
    }

    static HttpReply error(int status, String message) {
        return json(status, ReportJson.write(java.util.Collections.singletonMap("error", message)));
    }

    HttpReply header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** The bytes on the wire: the status line and headers, and the body unless it answers a HEAD. */
    byte[] toBytes(boolean head, boolean keepAlive) {
        StringBuilder b = new StringBuilder(160);
        b.append("HTTP/1.1 ").append(status).append(' ').append(reason(status)).append("\r\n");
        b.append("Content-Type: ").append(contentType).append("\r\n");
        b.append("Content-Length: ").append(body.length).append("\r\n");
        if (!headers.containsKey("Cache-Control")) b.append("Cache-Control: no-store\r\n");
        for (Map.Entry<String, String> h : headers.entrySet()) {
            b.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
        }
        b.append("Connection: ").append(keepAlive ? "keep-alive" : "close").append("\r\n\r\n");
        byte[] top = b.toString().getBytes(StandardCharsets.ISO_8859_1);
        if (head || body.length == 0) return top;
        byte[] all = new byte[top.length + body.length];
        System.arraycopy(top, 0, all, 0, top.length);
        System.arraycopy(body, 0, all, top.length, body.length);
        return all;
    }

    static String reason(int status) {
        switch (status) {
            case 200: return "OK";
            case 400: return "Bad Request";
            case 401: return "Unauthorized";
            case 404: return "Not Found";
            case 405: return "Method Not Allowed";
            case 408: return "Request Timeout";
            case 413: return "Payload Too Large";
            case 414: return "URI Too Long";
            case 429: return "Too Many Requests";
            case 431: return "Request Header Fields Too Large";
            case 500: return "Internal Server Error";
            case 503: return "Service Unavailable";
            default: return "Status";
        }
    }
}

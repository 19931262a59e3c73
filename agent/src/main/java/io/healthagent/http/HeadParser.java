package io.healthagent.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Parses a request head from the bytes a connection has received so far, within fixed limits, and
 * never reads a body. The port's whole defence against malformed input is here: anything it does not
 * accept becomes a 4xx and the connection is closed.
 */
final class HeadParser {
    /** The request line, target included (414 beyond). */
    static final int MAX_REQUEST_LINE = 4096;
    /** The whole head (431 beyond). */
    static final int MAX_HEAD = 16384;
    static final int MAX_HEADERS = 64;

    /** The outcome of one attempt: incomplete (need more bytes), a request, or an error status. */
    static final class Result {
        static final Result INCOMPLETE = new Result(null, 0, 0, null);
        final HttpRequest request;
        /** Bytes the head took, to be dropped from the buffer (pipelined bytes stay). */
        final int consumed;
        final int errorStatus;
        final String errorMessage;

        private Result(HttpRequest request, int consumed, int errorStatus, String errorMessage) {
            this.request = request;
            this.consumed = consumed;
            this.errorStatus = errorStatus;
            this.errorMessage = errorMessage;
        }

        static Result error(int status, String message) {
            return new Result(null, 0, status, message);
        }

        boolean isError() {
            return errorStatus != 0;
        }
    }

    private HeadParser() {
    }

    static Result parse(byte[] buf, int len) {
        int end = headEnd(buf, len);
        if (end < 0) {
            int lineEnd = indexOf(buf, len, (byte) '\n');
            if (lineEnd < 0 && len > MAX_REQUEST_LINE) return Result.error(414, "request line too long");
            if (len >= MAX_HEAD) return Result.error(431, "request head too large");
            return Result.INCOMPLETE;
        }
        if (end > MAX_HEAD) return Result.error(431, "request head too large");
        String head = new String(buf, 0, end, StandardCharsets.ISO_8859_1);
        String[] lines = head.split("\r?\n", -1);
        String requestLine = lines[0];
        if (requestLine.length() > MAX_REQUEST_LINE) return Result.error(414, "request line too long");
        String[] parts = requestLine.split(" ", -1);
        if (parts.length != 3 || parts[0].isEmpty() || !isToken(parts[0])) {
            return Result.error(400, "malformed request line");
        }
        String method = parts[0];
        String target = parts[1];
        String version = parts[2];
        if (!version.equals("HTTP/1.1") && !version.equals("HTTP/1.0")) {
            // 400, not 505: whatever a client sends, the port's answer to it is the client's error
            return Result.error(400, "only HTTP/1.0 and HTTP/1.1");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        int count = 0;
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty()) continue; // the blank line(s) that end the head
            if (++count > MAX_HEADERS) return Result.error(431, "too many header fields");
            int colon = line.indexOf(':');
            if (colon <= 0 || !isToken(line.substring(0, colon))) return Result.error(400, "malformed header field");
            String name = line.substring(0, colon).toLowerCase(Locale.ROOT);
            headers.putIfAbsent(name, line.substring(colon + 1).trim());
        }
        if (version.equals("HTTP/1.1") && !headers.containsKey("host")) return Result.error(400, "missing Host header");
        String length = headers.get("content-length");
        if (headers.containsKey("transfer-encoding") || (length != null && !length.equals("0"))) {
            return Result.error(413, "request bodies are not accepted");
        }
        if (!method.equals("GET") && !method.equals("HEAD") && !method.equals("POST")) {
            return Result.error(405, "method not allowed; use GET");
        }
        if (target.startsWith("http://") || target.startsWith("https://")) { // absolute form
            int slash = target.indexOf('/', target.indexOf("//") + 2);
            target = slash < 0 ? "/" : target.substring(slash);
        }
        if (!target.startsWith("/")) return Result.error(400, "malformed request target");
        int q = target.indexOf('?');
        String rawPath = q < 0 ? target : target.substring(0, q);
        String path = decode(rawPath);
        Map<String, String> query = new LinkedHashMap<>();
        if (q >= 0) {
            for (String pair : target.substring(q + 1).split("&")) {
                if (pair.isEmpty()) continue;
                int eq = pair.indexOf('=');
                String k = decode(eq < 0 ? pair : pair.substring(0, eq));
                String v = decode(eq < 0 ? "" : pair.substring(eq + 1));
                if (k == null || v == null) return Result.error(400, "malformed percent-encoding in the query");
                query.putIfAbsent(k, v);
            }
        }
        if (path == null) return Result.error(400, "malformed percent-encoding in the path");
        if (path.length() > 1 && path.endsWith("/")) path = path.substring(0, path.length() - 1);
        String connection = headers.getOrDefault("connection", "").toLowerCase(Locale.ROOT);
        boolean keepAlive = version.equals("HTTP/1.1") ? !connection.contains("close") : connection.contains("keep-alive");
        return new Result(new HttpRequest(method, path, query, headers, keepAlive), end, 0, null);
    }

    /** The length of the head, its ending blank line included, or -1 while it is incomplete. */
    private static int headEnd(byte[] b, int len) {
        for (int i = 0; i < len; i++) {
            if (b[i] != '\n') continue;
            if (i + 1 < len && b[i + 1] == '\n') return i + 2;
            if (i + 2 < len && b[i + 1] == '\r' && b[i + 2] == '\n') return i + 3;
        }
        return -1;
    }

    private static int indexOf(byte[] b, int len, byte x) {
        for (int i = 0; i < len; i++) if (b[i] == x) return i;
        return -1;
    }

    private static boolean isToken(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= 32 || c >= 127 || "()<>@,;:\\\"/[]?={}".indexOf(c) >= 0) return false;
        }
        return true;
    }

    /** Percent-decoding (UTF-8); null when malformed. '+' stays '+': these are paths and plain parameters. */
    static String decode(String s) {
        if (s.indexOf('%') < 0) return s;
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length()) return null;
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) return null;
                out.write(hi * 16 + lo);
                i += 2;
            } else {
                out.write((byte) c);
            }
        }
        return new String(out.toByteArray(), StandardCharsets.UTF_8);
    }
}

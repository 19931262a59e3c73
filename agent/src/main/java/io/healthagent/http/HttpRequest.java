package io.healthagent.http;

import java.util.Collections;
import java.util.Map;

/** A request head the agent's port accepted: GET, HEAD or POST, no body, a decoded path and query. */
final class HttpRequest {
    final String method;
    /** Decoded, without the query; a trailing slash removed (except for "/"). */
    final String path;
    final Map<String, String> query;
    /** Header names in lower case; a repeated header keeps its first value. */
    final Map<String, String> headers;
    final boolean keepAlive;

    HttpRequest(String method, String path, Map<String, String> query, Map<String, String> headers, boolean keepAlive) {
        this.method = method;
        this.path = path;
        this.query = Collections.unmodifiableMap(query);
        this.headers = Collections.unmodifiableMap(headers);
        this.keepAlive = keepAlive;
    }

    boolean isHead() {
        return method.equals("HEAD");
    }
}

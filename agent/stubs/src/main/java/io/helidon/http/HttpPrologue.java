package io.helidon.http;

import io.helidon.common.uri.UriPath;

/** Stub of Helidon 4's request line. */
public class HttpPrologue {
    public Method method() {
        return null;
    }

    public UriPath uriPath() {
        return null;
    }
}

package io.helidon.common.uri;

/** Stub of Helidon 4's request path. */
public interface UriPath {
    String path();
}

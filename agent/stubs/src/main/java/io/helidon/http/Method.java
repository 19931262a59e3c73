package io.helidon.http;

/** Stub of Helidon 4's HTTP method. */
public final class Method {
    public String text() {
        return null;
    }
}

package io.helidon.http;

/** Stub of Helidon 4's status. */
public class Status {
    public int code() {
        return 0;
    }
}

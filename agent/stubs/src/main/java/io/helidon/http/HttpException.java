package io.helidon.http;

/** Stub of Helidon 4's exception with a status (NotFoundException, ...). */
public class HttpException extends RuntimeException {
    public final Status status() {
        return null;
    }
}

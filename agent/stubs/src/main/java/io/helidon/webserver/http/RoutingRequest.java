package io.helidon.webserver.http;

import io.helidon.http.HttpPrologue;

/** Stub of Helidon 4's routed request (Helidon 4 needs Java 21): the method advice calls. */
public interface RoutingRequest {
    HttpPrologue prologue();
}

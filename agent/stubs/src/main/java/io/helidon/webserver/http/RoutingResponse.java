package io.helidon.webserver.http;

import io.helidon.http.Status;

/** Stub of Helidon 4's routed response: its status. */
public interface RoutingResponse {
    Status status();
}

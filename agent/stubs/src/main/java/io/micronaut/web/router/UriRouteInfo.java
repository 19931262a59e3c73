package io.micronaut.web.router;

import io.micronaut.http.uri.UriMatchTemplate;

/** Stub of Micronaut 4's URI route, one per declared route: its template. */
public interface UriRouteInfo<T, R> {
    UriMatchTemplate getUriMatchTemplate();
}

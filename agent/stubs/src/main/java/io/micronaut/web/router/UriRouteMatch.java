package io.micronaut.web.router;

/** Stub of Micronaut 4's matched URI route (Micronaut 4 needs Java 17): the method advice calls. */
public interface UriRouteMatch<T, R> {
    UriRouteInfo<T, R> getRouteInfo();
}

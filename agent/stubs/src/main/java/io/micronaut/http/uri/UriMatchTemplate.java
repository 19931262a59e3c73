package io.micronaut.http.uri;

/** Stub of Micronaut's URI template: the path as declared. */
public class UriMatchTemplate {
    public String toPathString() {
        return null;
    }
}

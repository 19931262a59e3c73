package org.jboss.resteasy.reactive.server.mapping;

/** Stub of RESTEasy Reactive's matched resource method: its class's and its own path templates. */
public class RuntimeResource {
    public URITemplate getPath() {
        return null;
    }

    public URITemplate getClassPath() {
        return null;
    }
}

package org.jboss.resteasy.reactive.server.core;

/** Stub of RESTEasy Reactive's request context (Quarkus 3 needs Java 17): the methods advice calls. */
public abstract class ResteasyReactiveRequestContext {
    public abstract String getPath();

    public abstract String getPathWithoutPrefix();
}

package org.jboss.resteasy.reactive.server.mapping;

/** Stub of RESTEasy Reactive's path template: the template as declared. */
public class URITemplate {
    public final String template = null;
}

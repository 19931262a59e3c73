package org.eclipse.jetty.server;

/** Stub of Jetty 12's core request (getAttribute comes from its Attributes super-interface). */
public interface Request {
    Object getAttribute(String name);
}

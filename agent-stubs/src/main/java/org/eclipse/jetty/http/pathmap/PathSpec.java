package org.eclipse.jetty.http.pathmap;

/** Stub of Jetty's path spec: the declaration is the template the application mapped. */
public interface PathSpec {
    String getDeclaration();
}

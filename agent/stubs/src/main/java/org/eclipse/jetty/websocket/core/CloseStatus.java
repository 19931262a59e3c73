package org.eclipse.jetty.websocket.core;

/** Stub of Jetty 12's close status. */
public class CloseStatus {
    public int getCode() {
        throw new UnsupportedOperationException("stub");
    }
}

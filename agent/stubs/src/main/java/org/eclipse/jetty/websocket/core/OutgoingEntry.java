package org.eclipse.jetty.websocket.core;

/** Stub of Jetty 12.1's outgoing frame entry. */
public class OutgoingEntry {
    public Frame getFrame() {
        throw new UnsupportedOperationException("stub");
    }
}

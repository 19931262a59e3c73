package org.eclipse.jetty.websocket.core;

/** Stub of Jetty 12's WebSocket frame: the signatures advice calls. */
public class Frame {
    public byte getOpCode() {
        throw new UnsupportedOperationException("stub");
    }

    public int getPayloadLength() {
        throw new UnsupportedOperationException("stub");
    }

    public boolean isFin() {
        throw new UnsupportedOperationException("stub");
    }
}

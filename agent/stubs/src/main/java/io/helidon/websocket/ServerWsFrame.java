package io.helidon.websocket;

/** Stub of Helidon 4's WebSocket frame (sent by the server): the methods advice calls, public here though Helidon declares them in a package-private superclass. */
public final class ServerWsFrame {
    public boolean fin() {
        return false;
    }

    public boolean isPayload() {
        return false;
    }

    public long payloadLength() {
        return 0;
    }
}

package io.helidon.websocket;

/** Stub of Helidon 4's WebSocket frame (read from the client): the methods advice calls, public here though Helidon declares them in a package-private superclass. */
public final class ClientWsFrame {
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

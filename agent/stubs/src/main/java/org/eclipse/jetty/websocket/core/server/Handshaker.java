package org.eclipse.jetty.websocket.core.server;

import org.eclipse.jetty.server.Request;

/** Stub of Jetty 12's WebSocket handshaker. */
public interface Handshaker {
    boolean isWebSocketUpgradeRequest(Request request);
}

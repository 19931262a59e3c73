package demo.micronaut;

import io.micronaut.websocket.WebSocketSession;
import io.micronaut.websocket.annotation.OnMessage;
import io.micronaut.websocket.annotation.ServerWebSocket;

/** A Micronaut WebSocket endpoint at /ws/echo: each text message comes back as it came. */
@ServerWebSocket("/ws/echo")
public class EchoSocket {
    @OnMessage
    public void onMessage(String message, WebSocketSession session) {
        session.sendSync(message);
    }
}

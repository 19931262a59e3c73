package demo.quarkus;

import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;

/** A WebSockets Next endpoint at /ws/echo: each text message comes back as it came. */
@WebSocket(path = "/ws/echo")
public class Echo {
    @OnTextMessage
    String echo(String message) {
        return message;
    }
}

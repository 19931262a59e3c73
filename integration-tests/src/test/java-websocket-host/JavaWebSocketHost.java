// A test host on the Java-WebSocket library (org.java-websocket), run from source by the java launcher
// (`java -cp LIBS JavaWebSocketHost.java PORT`). One server, every path: "/chat" echoes text and binary,
// "bye" closes with 1001, "boom" throws from onMessage (the library reports it to onError), "big" answers
// 10,000 bytes; a handshake on "/private" is rejected (the library answers 404). It knows nothing of the agent.
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import org.java_websocket.WebSocket;
import org.java_websocket.drafts.Draft;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.handshake.ServerHandshakeBuilder;
import org.java_websocket.server.WebSocketServer;

public class JavaWebSocketHost extends WebSocketServer {
    JavaWebSocketHost(int port) {
        super(new InetSocketAddress("127.0.0.1", port));
        setReuseAddr(true);
    }

    public static void main(String[] args) throws Exception {
        JavaWebSocketHost server = new JavaWebSocketHost(Integer.parseInt(args[0]));
        server.start();
        Thread.currentThread().join();
    }

    @Override
    public ServerHandshakeBuilder onWebsocketHandshakeReceivedAsServer(WebSocket conn, Draft draft, ClientHandshake request)
            throws InvalidDataException {
        if (request.getResourceDescriptor().startsWith("/private")) {
            throw new InvalidDataException(CloseFrame.POLICY_VALIDATION, "private");
        }
        return super.onWebsocketHandshakeReceivedAsServer(conn, draft, request);
    }

    @Override
    public void onStart() {
        System.out.println("java-websocket-host listening on " + getPort());
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
        conn.send("welcome");
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
        switch (message) {
            case "bye" -> conn.close(CloseFrame.GOING_AWAY, "bye");
            case "boom" -> throw new IllegalStateException("boom, as asked");
            case "big" -> conn.send(new byte[10_000]);
            default -> conn.send(message);
        }
    }

    @Override
    public void onMessage(WebSocket conn, ByteBuffer message) {
        conn.send(message);
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
    }

    @Override
    public void onError(WebSocket conn, Exception ex) {
    }
}

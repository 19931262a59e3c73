import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.websocket.WsRouting;
import io.helidon.websocket.WsListener;
import io.helidon.websocket.WsSession;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A Helidon 4 SE host on its own web server (a virtual thread per request), serving the routes every test
 * host serves, as HttpRouting declares them, and a WebSocket echo at /ws/echo on Helidon's WebSocket API.
 * Run from source by a Java 21+ launcher: java -cp 'helidon-libs/*' HelidonHost.java PORT
 */
public class HelidonHost {
    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        WebServer server = WebServer.builder()
                .host("127.0.0.1")
                .port(port)
                .routing(r -> r
                        .get("/api/tracks/{id}", (req, res) -> res.send("track " + req.path().pathParameters().get("id")))
                        .get("/api/sleep/{ms}", (req, res) -> {
                            Thread.sleep(millis(req));
                            res.send("slept");
                        })
                        .get("/api/nap/{ms}", (req, res) -> {
                            Thread.sleep(millis(req));
                            res.send("slept");
                        })
                        .get("/api/status/{code}", (req, res) ->
                                res.status(Status.create(Integer.parseInt(req.path().pathParameters().get("code")))).send())
                        .get("/api/throw", (req, res) -> {
                            throw new IllegalStateException("boom");
                        })
                        .get("/stream/{ms}", (req, res) -> {
                            try (OutputStream out = res.outputStream()) {
                                out.write("first\n".getBytes(StandardCharsets.UTF_8));
                                out.flush();
                                Thread.sleep(millis(req));
                                out.write("last\n".getBytes(StandardCharsets.UTF_8));
                            }
                        }))
                .addRouting(WsRouting.builder().endpoint("/ws/echo", new WsListener() {
                    @Override
                    public void onMessage(WsSession session, String text, boolean last) {
                        session.send(text, last);
                    }
                }))
                .build()
                .start();
        System.out.println("helidon host listening on " + server.port());
    }

    private static long millis(ServerRequest req) {
        return Long.parseLong(req.path().pathParameters().get("ms"));
    }
}

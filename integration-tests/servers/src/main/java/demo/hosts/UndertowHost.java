package demo.hosts;

import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RoutingHandler;
import io.undertow.util.Headers;
import io.undertow.util.SameThreadExecutor;
import io.undertow.websockets.core.AbstractReceiveListener;
import io.undertow.websockets.core.BufferedTextMessage;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Undertow 2.3 with its own handlers (see {@link HostArgs}): a RoutingHandler with templates; the sleep
 * route dispatched and completed later from another thread, the stream written from a worker thread; a
 * WebSocket echo at /ws/echo on Undertow's own WebSocket API.
 */
public final class UndertowHost {
    private static final ScheduledExecutorService LATER = Executors.newScheduledThreadPool(2);

    public static void main(String[] args) {
        int port = HostArgs.port(args);
        RoutingHandler routes = Handlers.routing()
                .get("/api/tracks/{id}", ex -> text(ex, "track " + param(ex, "id")))
                .get("/api/sleep/{ms}", ex -> ex.dispatch(SameThreadExecutor.INSTANCE, () ->
                        LATER.schedule(() -> text(ex, "slept"), Long.parseLong(param(ex, "ms")), TimeUnit.MILLISECONDS)))
                .get("/api/nap/{ms}", ex -> ex.dispatch(SameThreadExecutor.INSTANCE, () ->
                        LATER.schedule(() -> text(ex, "slept"), Long.parseLong(param(ex, "ms")), TimeUnit.MILLISECONDS)))
                .get("/api/status/{code}", ex -> {
                    ex.setStatusCode(Integer.parseInt(param(ex, "code")));
                    ex.endExchange();
                })
                .get("/api/throw", ex -> {
                    throw new IllegalStateException("boom");
                })
                .get("/stream/{ms}", ex -> {
                    if (ex.isInIoThread()) {
                        ex.dispatch(UndertowHost::stream); // blocking writes belong on a worker thread
                        return;
                    }
                    stream(ex);
                })
                .get("/ws/echo", Handlers.websocket((exchange, channel) -> {
                    channel.getReceiveSetter().set(new AbstractReceiveListener() {
                        @Override
                        protected void onFullTextMessage(WebSocketChannel ws, BufferedTextMessage message) {
                            WebSockets.sendText(message.getData(), ws, null);
                        }
                    });
                    channel.resumeReceives();
                }))
                .setFallbackHandler(ex -> {
                    ex.setStatusCode(404);
                    ex.endExchange();
                });
        Undertow.builder().addHttpListener(port, "127.0.0.1").setHandler(routes).build().start();
        HostArgs.listening("undertow", port);
    }

    private static void stream(HttpServerExchange ex) throws Exception {
        ex.startBlocking();
        OutputStream out = ex.getOutputStream();
        out.write("first\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
        Thread.sleep(Long.parseLong(param(ex, "ms")));
        out.write("last\n".getBytes(StandardCharsets.UTF_8));
        ex.endExchange();
    }

    private static String param(HttpServerExchange ex, String name) {
        return ex.getQueryParameters().get(name).getFirst();
    }

    private static void text(HttpServerExchange ex, String body) {
        ex.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain");
        ex.getResponseSender().send(body);
    }
}

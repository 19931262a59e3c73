package demo.streamserver;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;
import org.eclipse.jetty.ee10.websocket.server.config.JettyWebSocketServletContainerInitializer;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.annotations.OnWebSocketMessage;
import org.eclipse.jetty.websocket.api.annotations.WebSocket;

/**
 * The stream server's WebSocket listeners, one per API Jetty 12 offers:
 * <ul>
 *   <li>{@code /ws/now-playing/{channel}} (Jakarta WebSocket, annotated): the track playing on a channel,
 *       pushed to every listener when it changes (every 5 s, or --now-playing-seconds); "ping" answers "pong", "bye" closes with
 *       1001 (going away), "boom" throws from the message handler (Jetty closes with 1003); the channel
 *       "broken" throws on open (Jetty closes with 1011);</li>
 *   <li>{@code /ws/echo} (Jakarta WebSocket, a programmatic Endpoint): echoes text and binary messages;
 *       upgrades from the origin {@code http://refused.example} are refused (403);</li>
 *   <li>{@code /ws/jetty/echo} (Jetty's own WebSocket API): echoes text.</li>
 * </ul>
 */
final class WebSockets {
    static final String REFUSED_ORIGIN = "http://refused.example";

    private WebSockets() {
    }

    static void install(ServletContextHandler context, Catalog catalog, ScheduledExecutorService timer, int nowPlayingSeconds) {
        NowPlaying.catalog = catalog;
        timer.scheduleAtFixedRate(NowPlaying::next, nowPlayingSeconds, nowPlayingSeconds, TimeUnit.SECONDS);
        JakartaWebSocketServletContainerInitializer.configure(context, (servletContext, container) -> {
            container.addEndpoint(NowPlaying.class);
            container.addEndpoint(ServerEndpointConfig.Builder.create(Echo.class, "/ws/echo")
                    .configurator(new ServerEndpointConfig.Configurator() {
                        @Override
                        public boolean checkOrigin(String origin) {
                            return !REFUSED_ORIGIN.equals(origin);
                        }
                    }).build());
        });
        JettyWebSocketServletContainerInitializer.configure(context,
                (servletContext, container) -> container.addMapping("/ws/jetty/echo", (req, resp) -> new JettyEcho()));
    }

    @ServerEndpoint("/ws/now-playing/{channel}")
    public static final class NowPlaying {
        static volatile Catalog catalog;
        private static final Set<Session> LISTENERS = ConcurrentHashMap.newKeySet();
        private static final AtomicInteger TRACK = new AtomicInteger();

        static String current(String channel) {
            String title = "track " + TRACK.get();
            try {
                List<Catalog.Track> tracks = catalog.all();
                if (!tracks.isEmpty()) title = tracks.get(TRACK.get() % tracks.size()).title();
            } catch (Exception e) {
                // the catalogue is down: still say something
            }
            return "{\"channel\":\"" + channel + "\",\"now_playing\":\"" + title.replace("\"", "'") + "\"}";
        }

        static void next() {
            TRACK.incrementAndGet();
            for (Session s : LISTENERS) {
                if (s.isOpen()) s.getAsyncRemote().sendText(current(String.valueOf(s.getPathParameters().get("channel"))));
            }
        }

        @OnOpen
        public void open(Session session, @PathParam("channel") String channel) throws IOException {
            if ("broken".equals(channel)) {
                throw new IllegalStateException("the broken channel fails on open, as it should");
            }
            LISTENERS.add(session);
            session.getBasicRemote().sendText(current(channel));
        }

        @OnMessage
        public String message(Session session, String text) throws IOException {
            switch (text) {
                case "bye" -> {
                    session.close(new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "bye"));
                    return null;
                }
                case "boom" -> throw new IllegalStateException("boom, as asked");
                default -> {
                    return "ping".equals(text) ? "pong" : current(String.valueOf(session.getPathParameters().get("channel")));
                }
            }
        }

        @OnClose
        public void close(Session session) {
            LISTENERS.remove(session);
        }

        @OnError
        public void error(Session session, Throwable t) {
            LISTENERS.remove(session);
        }
    }

    public static final class Echo extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(String.class, (MessageHandler.Whole<String>) text ->
                    session.getAsyncRemote().sendText(text));
            session.addMessageHandler(ByteBuffer.class, (MessageHandler.Whole<ByteBuffer>) bytes ->
                    session.getAsyncRemote().sendBinary(bytes));
        }
    }

    @WebSocket
    public static final class JettyEcho {
        @OnWebSocketMessage
        public void onText(org.eclipse.jetty.websocket.api.Session session, String text) {
            session.sendText(text, Callback.NOOP);
        }
    }
}

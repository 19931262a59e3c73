package io.healthagent.instrumentation.websocket;

import io.healthagent.bootstrap.AgentErrors;
import io.healthagent.bootstrap.WebSocketBridge;
import io.healthagent.bootstrap.WebSocketSessions;
import java.util.Collection;
import java.util.List;
import net.bytebuddy.asm.Advice;
import org.java_websocket.enums.Opcode;
import org.java_websocket.framing.Framedata;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.handshake.Handshakedata;
import org.java_websocket.server.WebSocketServer;

/** Advice for Java-WebSocket (see {@link JavaWebSocketModule}); inlined into the library's classes. */
public final class JavaWebSocketAdvice {
    private JavaWebSocketAdvice() {
    }

    /**
     * {@code WebSocketImpl.open(Handshakedata)}: a server connection whose handshake succeeded, counted on
     * entry so that what the application sends from its onOpen counts.
     */
    public static final class Opened {
        private Opened() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter(@Advice.This Object self, @Advice.FieldValue("wsl") Object listener,
                                 @Advice.Argument(0) Handshakedata handshake) {
            if (!(listener instanceof WebSocketServer) || !(handshake instanceof ClientHandshake)) {
                return; // a client-side connection
            }
            String path = null;
            try {
                path = WebSocketBridge.withoutQuery(((ClientHandshake) handshake).getResourceDescriptor());
            } catch (Throwable t) {
                AgentErrors.record("websocket.java-websocket", t);
            }
            WebSocketSessions.openNew(self, path);
        }
    }

    /** {@code Draft_6455.processFrame(WebSocketImpl, Framedata)}: every frame read. */
    public static final class FrameIn {
        private FrameIn() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter(@Advice.Argument(0) Object conn, @Advice.Argument(1) Framedata frame) {
            Opcode op = frame.getOpcode();
            WebSocketSessions.frame(conn, true, op == Opcode.TEXT || op == Opcode.BINARY || op == Opcode.CONTINUOUS,
                    frame.isFin(), frame.getPayloadData().remaining());
        }
    }

    /** {@code WebSocketImpl.send(Collection<Framedata>)}: every send, broadcasts included, goes through it. */
    public static final class FramesOut {
        private FramesOut() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter(@Advice.This Object self, @Advice.Argument(0) Collection<Framedata> frames) {
            if (frames instanceof List) { // by index: no iterator
                List<Framedata> list = (List<Framedata>) frames;
                for (int i = 0, n = list.size(); i < n; i++) {
                    Framedata f = list.get(i);
                    Opcode op = f.getOpcode();
                    WebSocketSessions.frame(self, false, op == Opcode.TEXT || op == Opcode.BINARY || op == Opcode.CONTINUOUS,
                            f.isFin(), f.getPayloadData().remaining());
                }
            } else if (frames != null) {
                for (Framedata f : frames) {
                    Opcode op = f.getOpcode();
                    WebSocketSessions.frame(self, false, op == Opcode.TEXT || op == Opcode.BINARY || op == Opcode.CONTINUOUS,
                            f.isFin(), f.getPayloadData().remaining());
                }
            }
        }
    }

    /**
     * {@code WebSocketImpl.close(int code, String message, boolean remote)}, the first close frame either way,
     * and {@code closeConnection} with the same arguments (1006 when the connection dropped without one): the
     * first of them closes the session, later ones find it gone.
     */
    public static final class Closed {
        private Closed() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter(@Advice.This Object self, @Advice.Argument(0) int code) {
            WebSocketSessions.closed(self, code);
        }
    }

    /** The server answered the handshake with 404 (rejected) or 500 (the application threw). */
    public static final class Refused {
        private Refused() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter(@Advice.FieldValue("wsl") Object listener,
                                 @Advice.FieldValue("resourceDescriptor") String path) {
            if (listener instanceof WebSocketServer) {
                WebSocketBridge.refused(WebSocketBridge.withoutQuery(path));
            }
        }
    }

    /** The application's {@code onError(WebSocket, Exception)}, which the library calls for every error. */
    public static final class Error {
        private Error() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter(@Advice.Argument(0) Object conn) {
            WebSocketSessions.error(conn);
        }
    }
}

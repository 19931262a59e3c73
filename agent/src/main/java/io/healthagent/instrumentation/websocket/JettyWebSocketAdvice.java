package io.healthagent.instrumentation.websocket;

import io.healthagent.bootstrap.AgentErrors;
import io.healthagent.bootstrap.WebSocketBridge;
import io.healthagent.bootstrap.WebSocketSession;
import io.healthagent.bootstrap.WebSocketSessions;
import net.bytebuddy.asm.Advice;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OutgoingEntry;
import org.eclipse.jetty.websocket.core.server.Handshaker;

/**
 * Advice for Jetty 12's WebSocket core (see {@link JettyWebSocketModule}). Inlined into Jetty's classes,
 * so it uses only Jetty's types (compiled against stubs of them) and the bootstrap bridge. A data frame
 * has an opcode below 8 (continuation, text, binary); control frames (close, ping, pong) are not messages.
 */
public final class JettyWebSocketAdvice {
    private JettyWebSocketAdvice() {
    }

    /** {@code AbstractHandshaker.upgradeRequest(negotiator, request, response, callback, components, customizer)}. */
    public static final class Upgrade {
        private Upgrade() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter(@Advice.Argument(1) Request request) {
            String template = null;
            try {
                template = WebSocketBridge.templateOf(request.getAttribute("org.eclipse.jetty.http.pathmap.PathSpec"));
            } catch (Throwable t) {
                AgentErrors.record("websocket.jetty.upgrade", t);
            }
            WebSocketBridge.upgradeStarted(template);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Advice.This Object self, @Advice.Argument(1) Request request,
                                @Advice.Thrown Throwable thrown) {
            boolean asked = thrown != null;
            try {
                asked = asked || ((Handshaker) self).isWebSocketUpgradeRequest(request);
            } catch (Throwable t) {
                AgentErrors.record("websocket.jetty.upgrade", t);
            }
            WebSocketBridge.upgradeEnded(asked);
        }
    }

    /** The session's constructor: a server-side session created inside an upgrade gets its WebSocketSession. */
    public static final class Created {
        private Created() {
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        public static void exit(@Advice.This Object self) {
            WebSocketSession session = WebSocketBridge.sessionForUpgrade();
            if (session != null) {
                WebSocketSessions.put(self, session);
            }
        }
    }

    /**
     * {@code onOpen()}: the handshake is done and the application's handler is about to open. Counted on
     * entry, so that what the application sends from its open callback counts; if that callback throws,
     * the container closes the connection (1011) and the close is counted.
     */
    public static final class Opened {
        private Opened() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter(@Advice.This Object self) {
            WebSocketSessions.opened(self);
        }
    }

    /** {@code onFrame(Frame, Callback)}: every frame read from the connection. */
    public static final class FrameIn {
        private FrameIn() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter(@Advice.This Object self, @Advice.Argument(0) Frame frame) {
            WebSocketSessions.frame(self, true, (frame.getOpCode() & 0x08) == 0, frame.isFin(), frame.getPayloadLength());
        }
    }

    /** Jetty 12.1: {@code sendFrame(OutgoingEntry)}. */
    public static final class EntryOut {
        private EntryOut() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter(@Advice.This Object self, @Advice.Argument(0) OutgoingEntry entry) {
            Frame frame = entry.getFrame();
            WebSocketSessions.frame(self, false, (frame.getOpCode() & 0x08) == 0, frame.isFin(), frame.getPayloadLength());
        }
    }

    /** Jetty 12.0: {@code sendFrame(Frame, Callback, boolean batch)}. */
    public static final class FrameOut {
        private FrameOut() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter(@Advice.This Object self, @Advice.Argument(0) Frame frame) {
            WebSocketSessions.frame(self, false, (frame.getOpCode() & 0x08) == 0, frame.isFin(), frame.getPayloadLength());
        }
    }

    /** {@code processHandlerError} (the application threw) and {@code processConnectionError} (I/O, timeouts). */
    public static final class Error {
        private Error() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter(@Advice.This Object self) {
            WebSocketSessions.error(self);
        }
    }

    /** {@code closeConnection(CloseStatus, Callback)}: the connection is closed, with this code (1006 when it dropped). */
    public static final class Closed {
        private Closed() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter(@Advice.This Object self, @Advice.Argument(0) CloseStatus status) {
            WebSocketSessions.closed(self, status == null ? 1006 : status.getCode());
        }
    }
}

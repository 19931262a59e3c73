package io.healthagent.instrumentation.websocket;

import io.healthagent.bootstrap.AgentErrors;
import io.healthagent.bootstrap.WebSocketBridge;
import io.healthagent.bootstrap.WebSocketSessions;
import javax.servlet.http.HttpServletRequest;
import net.bytebuddy.asm.Advice;
import org.eclipse.jetty.websocket.api.extensions.Frame;
import org.eclipse.jetty.websocket.common.CloseInfo;

/**
 * Advice for Jetty 9.4's WebSocket layer (see {@link JettyNineWebSocketModule}); the session's creation,
 * open and errors share {@link JettyWebSocketAdvice}'s, which use no Jetty type.
 */
public final class JettyNineWebSocketAdvice {
    private JettyNineWebSocketAdvice() {
    }

    /** {@code WebSocketServerFactory.acceptWebSocket(creator, request, response)}: only upgrade requests get here. */
    public static final class Upgrade {
        private Upgrade() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter(@Advice.Argument(1) HttpServletRequest request) {
            String template = null;
            try {
                template = WebSocketBridge.templateOf(request.getAttribute("org.eclipse.jetty.http.pathmap.PathSpec"));
            } catch (Throwable t) {
                AgentErrors.record("websocket.jetty9.upgrade", t);
            }
            WebSocketBridge.upgradeStarted(template);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit() {
            WebSocketBridge.upgradeEnded(true);
        }
    }

    /** {@code incomingFrame(Frame)}: every frame read, before extensions. */
    public static final class FrameIn {
        private FrameIn() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter(@Advice.This Object self, @Advice.Argument(0) Frame frame) {
            WebSocketSessions.frame(self, true, (frame.getOpCode() & 0x08) == 0, frame.isFin(), frame.getPayloadLength());
        }
    }

    /** {@code outgoingFrame(Frame, WriteCallback, BatchMode)}: the session is its remote endpoint's way out. */
    public static final class FrameOut {
        private FrameOut() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter(@Advice.This Object self, @Advice.Argument(0) Frame frame) {
            WebSocketSessions.frame(self, false, (frame.getOpCode() & 0x08) == 0, frame.isFin(), frame.getPayloadLength());
        }
    }

    /** {@code callApplicationOnClose(CloseInfo)}: once per session (1006 when the connection dropped). */
    public static final class Closed {
        private Closed() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter(@Advice.This Object self, @Advice.Argument(0) CloseInfo info) {
            WebSocketSessions.closed(self, info == null ? 1006 : info.getStatusCode());
        }
    }
}

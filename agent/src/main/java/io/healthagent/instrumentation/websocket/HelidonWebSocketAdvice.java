package io.healthagent.instrumentation.websocket;

import io.healthagent.bootstrap.AgentErrors;
import io.healthagent.bootstrap.WebSocketSessions;
import io.helidon.http.HttpPrologue;
import io.helidon.websocket.ClientWsFrame;
import io.helidon.websocket.ServerWsFrame;
import net.bytebuddy.asm.Advice;

/** Inlined into Helidon's {@code WsConnection}: see {@link HelidonWebSocketModule}. */
public final class HelidonWebSocketAdvice {
    private HelidonWebSocketAdvice() {
    }

    /** The connection's life: open on entry (once, whichever overload), dropped if it ends without a close frame. */
    public static final class Handle {
        private Handle() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter(@Advice.This Object connection, @Advice.FieldValue("prologue") HttpPrologue prologue) {
            try {
                if (WebSocketSessions.get(connection) == null) {
                    WebSocketSessions.openNew(connection, prologue.uriPath().path());
                }
            } catch (Throwable t) {
                AgentErrors.record("websocket.helidon", t);
            }
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Advice.This Object connection) {
            WebSocketSessions.closed(connection, 1006); // nothing when a close frame closed it already
        }
    }

    public static final class FrameIn {
        private FrameIn() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter(@Advice.This Object connection, @Advice.Argument(0) ClientWsFrame frame) {
            try {
                WebSocketSessions.frame(connection, true, frame.isPayload(), frame.fin(), frame.payloadLength());
            } catch (Throwable t) {
                AgentErrors.record("websocket.helidon", t);
            }
        }
    }

    public static final class FrameOut {
        private FrameOut() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter(@Advice.This Object connection, @Advice.Argument(0) ServerWsFrame frame) {
            try {
                WebSocketSessions.frame(connection, false, frame.isPayload(), frame.fin(), frame.payloadLength());
            } catch (Throwable t) {
                AgentErrors.record("websocket.helidon", t);
            }
        }
    }

    /** The first close frame, either way: its code. */
    public static final class Close {
        private Close() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter(@Advice.This Object connection, @Advice.Argument(0) int code) {
            WebSocketSessions.closed(connection, code);
        }
    }
}

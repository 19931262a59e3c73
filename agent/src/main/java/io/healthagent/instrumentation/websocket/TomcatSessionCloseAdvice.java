package io.healthagent.instrumentation.websocket;

import io.healthagent.bootstrap.AgentErrors;
import io.healthagent.bootstrap.WebSocketSessions;
import jakarta.websocket.CloseReason;
import net.bytebuddy.asm.Advice;

/** Inlined into {@code WsSession.fireEndpointOnClose(reason)}: the session ends with the reason's code. */
public final class TomcatSessionCloseAdvice {
    private TomcatSessionCloseAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This Object session, @Advice.Argument(0) CloseReason reason) {
        try {
            WebSocketSessions.closed(session, reason == null || reason.getCloseCode() == null ? 1005
                    : reason.getCloseCode().getCode());
        } catch (Throwable t) {
            AgentErrors.record("websocket.tomcat", t);
        }
    }

    /** Tomcat 9's, with javax's reason. */
    public static final class Javax {
        private Javax() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter(@Advice.This Object session, @Advice.Argument(0) javax.websocket.CloseReason reason) {
            try {
                WebSocketSessions.closed(session, reason == null || reason.getCloseCode() == null ? 1005
                        : reason.getCloseCode().getCode());
            } catch (Throwable t) {
                AgentErrors.record("websocket.tomcat", t);
            }
        }
    }
}

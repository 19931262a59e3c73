package io.healthagent.instrumentation.websocket;

import io.healthagent.bootstrap.AgentErrors;
import io.healthagent.bootstrap.WebSocketSessions;
import jakarta.websocket.server.ServerEndpointConfig;
import net.bytebuddy.asm.Advice;

/** Inlined into Tomcat's server {@code WsSession} constructor: the session opens on its endpoint's template. */
public final class TomcatSessionOpenAdvice {
    private TomcatSessionOpenAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.This Object session, @Advice.AllArguments Object[] args) {
        try {
            for (Object a : args) { // once per connection; the constructor's parameters differ between versions
                if (a instanceof ServerEndpointConfig) {
                    WebSocketSessions.openNew(session, ((ServerEndpointConfig) a).getPath());
                    return;
                }
            }
        } catch (Throwable t) {
            AgentErrors.record("websocket.tomcat", t);
        }
    }

    /** Tomcat 9's server session, on javax's config. */
    public static final class Javax {
        private Javax() {
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        public static void exit(@Advice.This Object session,
                                @Advice.Argument(11) javax.websocket.server.ServerEndpointConfig config) {
            try {
                WebSocketSessions.openNew(session, config.getPath());
            } catch (Throwable t) {
                AgentErrors.record("websocket.tomcat", t);
            }
        }
    }
}

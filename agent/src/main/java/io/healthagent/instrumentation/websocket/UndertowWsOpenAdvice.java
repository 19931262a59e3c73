package io.healthagent.instrumentation.websocket;

import io.healthagent.bootstrap.AgentErrors;
import io.healthagent.bootstrap.RequestBridge;
import io.healthagent.bootstrap.WebSocketBridge;
import io.healthagent.bootstrap.WebSocketSessions;
import java.net.URI;
import net.bytebuddy.asm.Advice;

/** Inlined into Undertow's {@code WebSocketChannel} constructor: a server connection opens. */
public final class UndertowWsOpenAdvice {
    private UndertowWsOpenAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.This Object channel, @Advice.Argument(3) String wsUrl,
                            @Advice.Argument(5) boolean client) {
        if (client) {
            return;
        }
        try {
            String path = wsUrl == null ? null : URI.create(wsUrl).getRawPath();
            WebSocketSessions.openNew(channel, RequestBridge.routeForPath(WebSocketBridge.withoutQuery(path)));
        } catch (Throwable t) {
            AgentErrors.record("websocket.undertow", t);
        }
    }
}

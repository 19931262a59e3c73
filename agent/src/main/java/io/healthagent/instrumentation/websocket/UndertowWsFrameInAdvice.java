package io.healthagent.instrumentation.websocket;

import io.healthagent.bootstrap.WebSocketSessions;
import io.undertow.websockets.core.WebSocketFrameType;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code StreamSourceFrameChannel(wsChannel, type, rsv, finalFragment, pooled, frameLength, ...)}:
 * a message arrives (a text or binary one counts; close, ping and pong are control frames).
 */
public final class UndertowWsFrameInAdvice {
    private UndertowWsFrameInAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.Argument(0) Object wsChannel, @Advice.Argument(1) WebSocketFrameType type,
                            @Advice.Argument(5) long frameLength) {
        WebSocketSessions.frame(wsChannel, true, type == WebSocketFrameType.TEXT || type == WebSocketFrameType.BINARY,
                true, frameLength);
    }
}

package io.healthagent.instrumentation.websocket;

import io.healthagent.bootstrap.WebSocketSessions;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code AbstractFramedChannel.close()}: a WebSocket connection still open when its channel
 * closes (no close frame either way) ends as 1006; one closed by a close frame has left the table already.
 */
public final class UndertowWsCloseAdvice {
    private UndertowWsCloseAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This Object channel) {
        WebSocketSessions.closed(channel, 1006);
    }
}

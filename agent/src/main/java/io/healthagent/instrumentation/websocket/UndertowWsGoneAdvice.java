package io.healthagent.instrumentation.websocket;

import io.healthagent.bootstrap.WebSocketSessions;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code WebSocketChannel.lastDataRead()}: the read side ended. With no close frame received or
 * sent, the peer went away without a close handshake: 1006, before Undertow answers with a close of its own.
 */
public final class UndertowWsGoneAdvice {
    private UndertowWsGoneAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This Object channel, @Advice.FieldValue("closeFrameReceived") boolean received,
                             @Advice.FieldValue("closeFrameSent") boolean sent) {
        if (!received && !sent) {
            WebSocketSessions.closed(channel, 1006);
        }
    }
}

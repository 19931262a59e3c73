package io.healthagent.instrumentation.websocket;

import io.healthagent.bootstrap.AgentErrors;
import io.healthagent.bootstrap.WebSocketSessions;
import io.undertow.connector.PooledByteBuffer;
import io.undertow.websockets.core.WebSocketFrameType;
import java.nio.ByteBuffer;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code WebSockets.sendInternal} and {@code sendBlockingInternal} (where every
 * {@code WebSockets.sendText}, {@code sendBinary}, {@code sendClose} ends): a message sent, or a close frame
 * with its code (the payload's first two bytes; none is 1005).
 */
public final class UndertowWsSendAdvice {
    private UndertowWsSendAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Argument(0) PooledByteBuffer data, @Advice.Argument(1) WebSocketFrameType type,
                             @Advice.Argument(2) Object wsChannel) {
        try {
            ByteBuffer b = data.getBuffer();
            if (type == WebSocketFrameType.CLOSE) {
                int p = b.position();
                WebSocketSessions.closed(wsChannel, b.remaining() >= 2
                        ? ((b.get(p) & 0xff) << 8) | (b.get(p + 1) & 0xff) : 1005);
            } else {
                WebSocketSessions.frame(wsChannel, false,
                        type == WebSocketFrameType.TEXT || type == WebSocketFrameType.BINARY, true, b.remaining());
            }
        } catch (Throwable t) {
            AgentErrors.record("websocket.undertow", t);
        }
    }
}

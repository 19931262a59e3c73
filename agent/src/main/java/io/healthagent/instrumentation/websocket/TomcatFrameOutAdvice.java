package io.healthagent.instrumentation.websocket;

import io.healthagent.bootstrap.WebSocketSessions;
import net.bytebuddy.asm.Advice;
import org.apache.tomcat.websocket.MessagePart;

/**
 * Inlined into {@code WsRemoteEndpointImplBase.writeMessagePart(part)}, where every frame the server sends
 * passes once, blocking or not, queued or not.
 */
public final class TomcatFrameOutAdvice {
    private TomcatFrameOutAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.FieldValue("wsSession") Object session, @Advice.Argument(0) MessagePart part) {
        WebSocketSessions.frame(session, false, part.getOpCode() < 8, part.isFin(),
                part.getPayload() == null ? 0 : part.getPayload().remaining());
    }
}

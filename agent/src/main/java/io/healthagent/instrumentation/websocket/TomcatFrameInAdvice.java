package io.healthagent.instrumentation.websocket;

import io.healthagent.bootstrap.WebSocketSessions;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code WsFrameBase.processData()}: when it returns true the frame was read whole; its opcode,
 * fin bit and payload length are still the reader's fields. Opcodes 8 and up are control frames.
 */
public final class TomcatFrameInAdvice {
    private TomcatFrameInAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.Return boolean whole, @Advice.FieldValue("wsSession") Object session,
                            @Advice.FieldValue("opCode") byte opCode, @Advice.FieldValue("fin") boolean fin,
                            @Advice.FieldValue("payloadLength") long length) {
        if (whole) {
            WebSocketSessions.frame(session, true, opCode < 8, fin, length);
        }
    }
}

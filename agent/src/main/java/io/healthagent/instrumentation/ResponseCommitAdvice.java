package io.healthagent.instrumentation;

import io.healthagent.bootstrap.RequestBridge;
import net.bytebuddy.asm.Advice;

/**
 * Inlined where a server commits a response (sends its status line and headers): the request running on
 * this thread reaches its time to first byte here (the first commit wins).
 */
public final class ResponseCommitAdvice {
    private ResponseCommitAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit() {
        RequestBridge.committed();
    }
}

package io.healthagent.instrumentation.helidon;

import io.healthagent.bootstrap.RequestBridge;
import net.bytebuddy.asm.Advice;

/** Inlined where Helidon's response stream sends the head ahead of the body: the response is committed. */
public final class HelidonCommitAdvice {
    private HelidonCommitAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter() {
        RequestBridge.committed();
    }
}

package io.healthagent.instrumentation.microprofile;

import io.healthagent.bootstrap.AppCheckBridge;
import net.bytebuddy.asm.Advice;

/** Inlined into a {@code HealthCheck.call()}: the check and the response it answered, which names it. */
public final class MicroProfileCallAdvice {
    private MicroProfileCallAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.This Object check, @Advice.Return Object response) {
        AppCheckBridge.ran("microprofile", check, response);
    }
}

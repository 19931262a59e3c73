package io.healthagent.instrumentation.dropwizard;

import io.healthagent.bootstrap.AppCheckBridge;
import net.bytebuddy.asm.Advice;

/** The application took its check out of the registry: the agent stops running it. */
public final class DropwizardUnregisterAdvice {
    private DropwizardUnregisterAdvice() {
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Argument(0) String name) {
        AppCheckBridge.withdraw("dropwizard", name);
    }
}

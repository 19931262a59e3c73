package io.healthagent.instrumentation.dropwizard;

import io.healthagent.bootstrap.AppCheckBridge;
import net.bytebuddy.asm.Advice;

/** After a registration that succeeded (a second check under a taken name throws, and is not offered). */
public final class DropwizardRegisterAdvice {
    private DropwizardRegisterAdvice() {
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Argument(0) String name, @Advice.Argument(1) Object check,
                            @Advice.Thrown Throwable thrown) {
        if (thrown == null) {
            AppCheckBridge.offer("dropwizard", name, check);
        }
    }
}

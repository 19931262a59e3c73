package io.healthagent.instrumentation.dropwizard;

import io.healthagent.bootstrap.AppCheckBridge;
import net.bytebuddy.asm.Advice;

/**
 * The application uses its registry (runs its checks, lists them, registers one): the agent reads the
 * checks it already holds, once per registry (those registered before the agent started).
 */
public final class DropwizardRegistryUsedAdvice {
    private DropwizardRegistryUsedAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This Object registry) {
        AppCheckBridge.sawContainer("dropwizard", registry);
    }
}

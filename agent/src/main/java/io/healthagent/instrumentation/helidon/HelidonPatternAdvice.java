package io.healthagent.instrumentation.helidon;

import io.healthagent.bootstrap.RequestBridge;
import net.bytebuddy.asm.Advice;

/** Inlined into {@code RoutingRequest.matchingPattern(pattern)}: the matched route's path pattern names the request. */
public final class HelidonPatternAdvice {
    private HelidonPatternAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Argument(0) String pattern) {
        if (pattern != null && !pattern.isEmpty()) {
            RequestBridge.offerTemplate(pattern);
        }
    }
}

package io.healthagent.instrumentation.actuator;

import io.healthagent.bootstrap.AppCheckBridge;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into Spring's dispatchers: the first request (once the agent runs) leads the agent to the application
 * context. After it, one volatile read in {@link AppCheckBridge#sawApplication}; nothing is allocated.
 */
public final class ActuatorContextAdvice {
    private ActuatorContextAdvice() {
    }

    /** {@code DispatcherServlet.doService}: the servlet knows its web application context. */
    public static final class Mvc {
        private Mvc() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter(@Advice.This Object servlet) {
            AppCheckBridge.sawApplication("actuator", servlet);
        }
    }

    /** {@code DispatcherHandler.handle(exchange)}: the exchange knows the application context. */
    public static final class WebFlux {
        private WebFlux() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter(@Advice.Argument(0) Object exchange) {
            AppCheckBridge.sawApplication("actuator", exchange);
        }
    }
}

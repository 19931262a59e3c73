package io.healthagent.instrumentation.actuator;

import io.healthagent.bootstrap.AppCheckBridge;
import net.bytebuddy.asm.Advice;

/** Inlined into Actuator's {@code DefaultContributorRegistry}: contributors come and go, the registry is read once. */
public final class ActuatorRegistryAdvice {
    private ActuatorRegistryAdvice() {
    }

    /** A registry built while the agent runs: what it holds. */
    public static final class Built {
        private Built() {
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        public static void exit(@Advice.This Object registry) {
            AppCheckBridge.sawContainer("actuator", registry);
        }
    }

    /** After a registration that succeeded (a name taken throws, and is not offered). */
    public static final class Registered {
        private Registered() {
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Advice.Argument(0) String name, @Advice.Argument(1) Object contributor,
                                @Advice.Thrown Throwable thrown) {
            if (thrown == null) {
                AppCheckBridge.offer("actuator", name, contributor);
            }
        }
    }

    public static final class Unregistered {
        private Unregistered() {
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Advice.Argument(0) String name) {
            AppCheckBridge.withdraw("actuator", name);
        }
    }

    /** Actuator's health endpoint (or the application) reads the registry: the agent reads it too, once. */
    public static final class Used {
        private Used() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter(@Advice.This Object registry) {
            AppCheckBridge.sawContainer("actuator", registry);
        }
    }
}

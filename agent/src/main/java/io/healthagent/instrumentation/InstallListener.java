package io.healthagent.instrumentation;

import io.healthagent.AgentLog;
import java.util.concurrent.atomic.AtomicInteger;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.utility.JavaModule;

/** Logs a class that could not be instrumented in one line (the first few only); counts the rest. */
final class InstallListener extends AgentBuilder.Listener.Adapter {
    private static final int MAX_LOGGED = 10;
    private final AtomicInteger errors = new AtomicInteger();
    private final AtomicInteger instrumented = new AtomicInteger();

    @Override
    public void onTransformation(TypeDescription type, ClassLoader loader, JavaModule module, boolean loaded,
                                 DynamicType dynamicType) {
        instrumented.incrementAndGet();
    }

    @Override
    public void onError(String typeName, ClassLoader loader, JavaModule module, boolean loaded, Throwable error) {
        int n = errors.incrementAndGet();
        if (n <= MAX_LOGGED) {
            AgentLog.warn("could not instrument " + typeName + ": " + AgentLog.describe(error)
                    + "; its requests are not measured");
        }
    }

    int instrumented() {
        return instrumented.get();
    }
}

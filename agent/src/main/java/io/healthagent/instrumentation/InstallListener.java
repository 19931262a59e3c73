package io.healthagent.instrumentation;

import io.healthagent.AgentLog;
import io.healthagent.bootstrap.AgentErrors;
import java.util.concurrent.atomic.AtomicInteger;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.utility.JavaModule;

/**
 * Byte Buddy's listener: counts the classes instrumented; a class that could not be transformed is left
 * as it was, logged in one line (the first few only) and counted in
 * {@code health_agent_errors_total{site="instrumentation"}}.
 */
final class InstallListener extends AgentBuilder.Listener.Adapter {
    static final String SITE = "instrumentation";
    private static final int MAX_LOGGED = 10;
    private final AtomicInteger errors = new AtomicInteger();
    private final AtomicInteger instrumented = new AtomicInteger();

    InstallListener() {
        AgentErrors.register(SITE);
    }

    @Override
    public void onTransformation(TypeDescription type, ClassLoader loader, JavaModule module, boolean loaded,
                                 DynamicType dynamicType) {
        instrumented.incrementAndGet();
    }

    @Override
    public void onError(String typeName, ClassLoader loader, JavaModule module, boolean loaded, Throwable error) {
        failed(typeName, error);
    }

    /** Also for a class whose retransformation the JVM refused. */
    void failed(String typeName, Throwable error) {
        if (errors.incrementAndGet() <= MAX_LOGGED) {
            AgentLog.warn("could not instrument " + typeName + ": " + AgentLog.describe(error)
                    + "; its requests are not measured");
        }
        AgentErrors.count(SITE);
    }

    int instrumented() {
        return instrumented.get();
    }
}

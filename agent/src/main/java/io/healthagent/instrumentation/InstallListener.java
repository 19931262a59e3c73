package io.healthagent.instrumentation;

import io.healthagent.AgentLog;
import io.healthagent.instrumentation.weaver.WeavingTransformer;
import java.util.concurrent.atomic.AtomicInteger;

/** Logs a class that could not be instrumented in one line (the first few only); counts the rest. */
final class InstallListener implements WeavingTransformer.Listener {
    private static final int MAX_LOGGED = 10;
    private final AtomicInteger errors = new AtomicInteger();
    private final AtomicInteger instrumented = new AtomicInteger();

    @Override
    public void woven(String className) {
        instrumented.incrementAndGet();
    }

    @Override
    public void failed(String className, Throwable error) {
        int n = errors.incrementAndGet();
        if (n <= MAX_LOGGED) {
            AgentLog.warn("could not instrument " + className + ": " + AgentLog.describe(error)
                    + "; its requests are not measured");
        }
    }

    int instrumented() {
        return instrumented.get();
    }
}

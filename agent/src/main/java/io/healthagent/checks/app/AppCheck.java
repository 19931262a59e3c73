package io.healthagent.checks.app;

import io.healthagent.checks.Check;
import io.healthagent.checks.CheckOutcome;
import java.lang.reflect.InvocationTargetException;
import java.lang.ref.WeakReference;
import java.util.Map;

/**
 * A check the application declared in its framework (a Dropwizard {@code HealthCheck}, ...), run by the agent
 * on its own clock like any check. The application's object is held weakly, so a redeployed application's
 * checks go with it ({@link #gone}); while one runs, the thread's context class loader is the application's.
 */
public abstract class AppCheck implements Check {
    private final String name;
    private final String source;
    private final String declaredName;
    private final WeakReference<Object> target;
    private volatile boolean readiness;
    private volatile boolean liveness;

    protected AppCheck(String name, String source, String declaredName, Object target) {
        this.name = name;
        this.source = source;
        this.declaredName = declaredName;
        this.target = new WeakReference<>(target);
    }

    @Override
    public String name() {
        return name;
    }

    /** The framework it was declared in: {@code dropwizard}, ... */
    public String source() {
        return source;
    }

    /** Its name as the framework gives it (the check's own name unless another check had it). */
    public String declaredName() {
        return declaredName;
    }

    /** The application marks it as one its readiness depends on (MicroProfile {@code @Readiness}, Actuator's readiness group). */
    public boolean forReadiness() {
        return readiness;
    }

    /** The application marks it as a liveness check (MicroProfile {@code @Liveness}, Actuator's liveness group). */
    public boolean forLiveness() {
        return liveness;
    }

    void markProbes(boolean readiness, boolean liveness) {
        this.readiness = readiness;
        this.liveness = liveness;
    }

    /** Whether this wraps {@code check} itself. */
    boolean isFor(Object check) {
        return target.get() == check;
    }

    /** The application's object was collected (its application was undeployed): the check goes too. */
    public boolean gone() {
        return target.get() == null;
    }

    @Override
    public final CheckOutcome run() throws Exception {
        Object check = target.get();
        if (check == null) {
            return CheckOutcome.fail(name, "the application's check is gone");
        }
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(check.getClass().getClassLoader());
        try {
            return runOn(check);
        } catch (InvocationTargetException e) { // the application's check threw: its class says what
            return CheckOutcome.fail(name, describe(e.getCause()));
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    /** {@code java.io.IOException: catalog unreachable}. */
    static String describe(Throwable t) {
        if (t == null) return "failed";
        return t.getClass().getName() + (t.getMessage() != null ? ": " + t.getMessage() : "");
    }

    /** A framework's details or data as a message: {@code reason=catalog answered 503, tracks=12}. */
    static String pairs(Map<?, ?> details) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<?, ?> d : details.entrySet()) {
            if (out.length() > 0) out.append(", ");
            out.append(d.getKey()).append('=').append(d.getValue());
        }
        return out.toString();
    }

    /** Runs the application's {@code check} once and reads its answer. Exceptions become a fail with their message. */
    protected abstract CheckOutcome runOn(Object check) throws Exception;
}

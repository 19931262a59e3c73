package io.healthagent.checks.app;

import java.util.Collections;
import java.util.Map;

/**
 * One framework whose health checks the agent runs: how its objects are read, by reflection on the
 * application's own classes (the application's framework is never the agent's). One per source, listed in
 * {@link Frameworks#ALL}.
 */
interface Framework {
    /** {@code dropwizard}, {@code actuator}, {@code microprofile}: also the prefix of a name that clashes. */
    String source();

    /** The object the agent runs for {@code check}: a framework's adapter around the application's own, unwrapped. */
    default Object unwrap(Object check) throws ReflectiveOperationException {
        return check;
    }

    /** One of the framework's own checks rather than the application's (left out unless app_checks.include_builtin). */
    default boolean builtin(Object check) throws ReflectiveOperationException {
        return false;
    }

    /** Wraps the application's {@code check} as the agent's check {@code agentName}. */
    AppCheck create(String agentName, String declaredName, Object check) throws ReflectiveOperationException;

    /** The checks a container (a registry) holds, by name, in its order; empty when it is not one the agent reads. */
    default Map<String, Object> checksIn(Object container) throws ReflectiveOperationException {
        return Collections.emptyMap();
    }

    /** The application context {@code holder} (a dispatcher, a request) belongs to, or null when it has none yet. */
    default Object contextOf(Object holder) throws ReflectiveOperationException {
        return null;
    }

    /** What an application context holds: its containers of checks and which checks serve the probes. */
    default Context read(Object context) throws ReflectiveOperationException {
        return new Context(Collections.emptyList(), null);
    }

    /** The name in a result of {@code check} the application ran (MicroProfile's response), or null. */
    default String nameIn(Object result) throws ReflectiveOperationException {
        return null;
    }

    /** Found in an application context. */
    final class Context {
        final Iterable<Object> containers;
        /** Null when the application marks none. */
        final Membership membership;

        Context(Iterable<Object> containers, Membership membership) {
            this.containers = containers;
            this.membership = membership;
        }
    }

    /** Which checks the application marks for a probe (Actuator's readiness and liveness groups). */
    interface Membership {
        boolean readiness(String declaredName) throws ReflectiveOperationException;

        boolean liveness(String declaredName) throws ReflectiveOperationException;
    }
}

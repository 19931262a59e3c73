package io.healthagent.bootstrap;

/**
 * Where the instrumentation of a framework's health-check API hands the application's own checks to the
 * agent: a Dropwizard {@code HealthCheck} or an Actuator contributor as it is registered (and withdrawn), the
 * registries the application uses, a MicroProfile check as the application runs it. Advice runs inside the host's
 * classes, so it reaches the agent only through this class on the bootstrap class path; the agent installs the
 * sink at start. Only {@link #sawApplication} is on a request path: one volatile read once it has its answer.
 */
public final class AppCheckBridge {
    /** Receives the application's checks: the framework's own objects, run later on the agent's clock. */
    public interface Sink {
        void offer(String source, String name, Object check);

        void withdraw(String source, String name);

        /**
         * The application used {@code container} (a Dropwizard registry, ...): the agent reads the checks it
         * already holds the first time it sees it. The agent starts after the host has (see its launcher), so
         * checks registered during the host's start are found this way.
         */
        void sawContainer(String source, Object container);

        /** The application ran {@code check}, which answered {@code result} (MicroProfile's response names it). */
        void ran(String source, Object check, Object result);

        /**
         * A request passed through {@code holder} (Spring's dispatcher, a WebFlux exchange), which leads to the
         * application context and its registries. Returns false when that context could not be had yet.
         */
        boolean sawApplication(String source, Object holder);
    }

    private static volatile Sink sink;
    /** Until a request has led to the application's context: then the request path only reads this. */
    private static volatile boolean applicationWanted = true;

    private AppCheckBridge() {
    }

    public static void install(Sink newSink) {
        sink = newSink;
    }

    /** The application declared {@code check} under {@code name} in {@code source}'s API. Never throws. */
    public static void offer(String source, String name, Object check) {
        Sink s = sink;
        if (s == null || name == null || check == null) return;
        try {
            s.offer(source, name, check);
        } catch (Throwable t) {
            AgentErrors.record("appchecks.offer", t);
        }
    }

    /** The application used a container of checks (its registry). Never throws. */
    public static void sawContainer(String source, Object container) {
        Sink s = sink;
        if (s == null || container == null) return;
        try {
            s.sawContainer(source, container);
        } catch (Throwable t) {
            AgentErrors.record("appchecks.offer", t);
        }
    }

    /** The application ran one of its checks and it answered {@code result}. Never throws. */
    public static void ran(String source, Object check, Object result) {
        Sink s = sink;
        if (s == null || check == null || result == null) return;
        try {
            s.ran(source, check, result);
        } catch (Throwable t) {
            AgentErrors.record("appchecks.offer", t);
        }
    }

    /** On a request: the first one (once the agent runs) leads the agent to the application's context. Never throws. */
    public static void sawApplication(String source, Object holder) {
        if (!applicationWanted) return;
        Sink s = sink;
        if (s == null || holder == null) return;
        applicationWanted = false;
        try {
            if (!s.sawApplication(source, holder)) applicationWanted = true;
        } catch (Throwable t) {
            AgentErrors.record("appchecks.offer", t);
        }
    }

    /** The application removed its check {@code name} from {@code source}'s API. Never throws. */
    public static void withdraw(String source, String name) {
        Sink s = sink;
        if (s == null || name == null) return;
        try {
            s.withdraw(source, name);
        } catch (Throwable t) {
            AgentErrors.record("appchecks.offer", t);
        }
    }
}

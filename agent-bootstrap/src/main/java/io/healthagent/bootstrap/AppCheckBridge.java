package io.healthagent.bootstrap;

/**
 * Where the instrumentation of a framework's health-check API hands the application's own checks to the
 * agent: a Dropwizard {@code HealthCheck} as it is registered (and withdrawn), and the other frameworks'
 * the same way. Advice runs inside the host's classes, so it reaches the agent only through this class on
 * the bootstrap class path; the agent installs the sink at start. Nothing here runs on a request path.
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
    }

    private static volatile Sink sink;

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

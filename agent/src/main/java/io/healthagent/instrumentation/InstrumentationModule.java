package io.healthagent.instrumentation;

import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * One server or WebSocket technology: its type matchers and its advice, nothing else. Each module's rules
 * are added by {@link AgentInstaller} inside their own guard, so one that fails leaves the others working.
 * A new technology is one more class in {@link InstrumentationModules#ALL}.
 */
public interface InstrumentationModule {
    /** Short name for logs, e.g. "servlet-jakarta". */
    String name();

    /**
     * The sites this module's advice records errors under ({@code AgentErrors.record(site, ...)}), so that
     * {@code health_agent_errors_total} shows them at 0 from the start.
     */
    List<String> errorSites();

    /** Adds this module's {@code type(...).transform(...)} rules to {@code builder} and returns the result. */
    AgentBuilder instrument(AgentBuilder builder, ModuleSupport support);
}

package io.healthagent.instrumentation;

import io.healthagent.instrumentation.weaver.Rules;
import java.util.List;

/**
 * One server or WebSocket technology: its type matchers and its advice, nothing else. Each module's rules
 * are built by {@link AgentInstaller} inside their own guard, so one that fails leaves the
 * others working. A new technology is one more class in {@link InstrumentationModules#ALL}.
 */
public interface InstrumentationModule {
    /** Short name for logs, e.g. "servlet-jakarta". */
    String name();

    /**
     * The sites this module's advice records errors under ({@code AgentErrors.record(site, ...)}), so that
     * {@code health_agent_errors_total} shows them at 0 from the start.
     */
    List<String> errorSites();

    /** Adds this module's {@code type(...).transform(...)} rules to {@code builder}. */
    Rules instrument(Rules builder, ModuleSupport support);
}

package io.healthagent.instrumentation;

import io.healthagent.AgentLog;
import io.healthagent.bootstrap.AgentErrors;
import io.healthagent.bootstrap.RequestBridge;
import io.healthagent.instrumentation.weaver.Rules;
import io.healthagent.instrumentation.weaver.WeavingTransformer;
import java.lang.instrument.Instrumentation;
import java.util.List;

/**
 * Installs every {@link InstrumentationModule} as one class file transformer ({@link WeavingTransformer});
 * each module's rules are built inside their own guard, so a module that fails logs one line and the others
 * work (a class one rule cannot transform is reported by {@link InstallListener} and left as it was).
 * Classes already loaded (an agent attached at run time, or a handler loaded before the agent started) are
 * retransformed. Advice is read by name from the agent's loader, so the agent never loads the host's APIs.
 */
public final class AgentInstaller {
    private AgentInstaller() {
    }

    /** @return the number of types instrumented so far (retransformed ones included) */
    public static int install(Instrumentation inst, List<InstrumentationModule> modules) {
        ClassLoader agentLoader = AgentInstaller.class.getClassLoader();
        ModuleSupport support = new ModuleSupport(inst, agentLoader);
        InstallListener listener = new InstallListener();
        Rules rules = new Rules();
        for (InstrumentationModule module : modules) {
            try {
                for (String site : module.errorSites()) {
                    AgentErrors.register(site);
                }
                // A module that cannot build its rules is left out; the rules of the others stay.
                rules.addAll(module.instrument(new Rules(), support));
            } catch (Throwable t) {
                AgentLog.error("instrumentation module " + module.name() + " could not be installed: "
                        + AgentLog.describe(t) + "; its requests are not measured, the other modules work");
            }
        }
        try {
            new WeavingTransformer(rules, agentLoader, inst, RequestBridge.class, listener).install();
        } catch (Throwable t) {
            AgentLog.error("instrumentation could not be installed: " + AgentLog.describe(t)
                    + "; requests are not measured");
        }
        return listener.instrumented();
    }
}

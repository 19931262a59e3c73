package io.healthagent.instrumentation;

import static net.bytebuddy.matcher.ElementMatchers.isSynthetic;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.not;

import io.healthagent.AgentLog;
import io.healthagent.bootstrap.AgentErrors;
import io.healthagent.bootstrap.RequestBridge;
import java.lang.instrument.Instrumentation;
import java.util.List;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.dynamic.scaffold.MethodGraph;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Installs every {@link InstrumentationModule} with Byte Buddy, as one transformer; each module's rules
 * are built inside their own guard, so a module that fails logs one line and the others work (a class
 * one rule cannot transform is reported by {@link InstallListener} and left as it was). Classes already loaded
 * (an agent attached at run time, or a handler loaded before the agent started) are retransformed.
 * Advice is resolved by name from the agent's loader, so the agent never loads the host's APIs itself.
 */
public final class AgentInstaller {
    /** Byte Buddy's switch for its Nexus, a class it would otherwise inject into the system class loader. */
    private static final String NEXUS_DISABLED = "net.bytebuddy.nexus.disabled";

    private AgentInstaller() {
    }

    /** @return the number of types instrumented so far (retransformed ones included) */
    public static int install(Instrumentation inst, List<InstrumentationModule> modules) {
        ClassLoader agentLoader = AgentInstaller.class.getClassLoader();
        ModuleSupport support = new ModuleSupport(inst, agentLoader);
        InstallListener listener = new InstallListener();
        // One transformer for every module: the JVM calls each registered transformer for every class it
        // loads, and each would describe the class again.
        AgentBuilder builder = newAgentBuilder()
                .disableClassFormatChanges()
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                // Describing an already-loaded class by reflection loads the classes its members name,
                // inside the transformer, where they escape instrumentation (seen: Tomcat's WsFrameBase,
                // loaded while WsSession was retransformed under Spring Boot). Reiterating looks at the
                // loaded classes again until no new one appears, and retransforms those too.
                .with(AgentBuilder.RedefinitionStrategy.DiscoveryStrategy.Reiterating.INSTANCE)
                .with(listener)
                .ignore(ignored(), loader -> loader == agentLoader);
        for (InstrumentationModule module : modules) {
            try {
                for (String site : module.errorSites()) {
                    AgentErrors.register(site);
                }
                // A module that cannot build its rules is left out; the rules of the others stay.
                builder = module.instrument(builder, support);
            } catch (Throwable t) {
                AgentLog.error("instrumentation module " + module.name() + " could not be installed: "
                        + AgentLog.describe(t) + "; its requests are not measured, the other modules work");
            }
        }
        try {
            // jdk.httpserver and other named modules: let them read the bridge's (unnamed) module.
            builder.assureReadEdgeTo(inst, RequestBridge.class).installOn(inst);
        } catch (Throwable t) {
            AgentLog.error("instrumentation could not be installed: " + AgentLog.describe(t)
                    + "; requests are not measured");
        }
        return listener.instrumented();
    }

    /**
     * Byte Buddy's default set-up injects its {@code Nexus} class into the system class loader (through
     * sun.misc.Unsafe, which JDK 24 and later warn about on the host's stderr). The agent needs no Nexus
     * (it never changes class formats), so it is switched off while the builder is created.
     */
    private static AgentBuilder newAgentBuilder() {
        String before = System.getProperty(NEXUS_DISABLED);
        System.setProperty(NEXUS_DISABLED, "true");
        try {
            // Advice only ever touches the methods a type declares: no need to walk (and load, by reflection)
            // the method signatures of its super types, which would load classes inside the transformer,
            // where they escape instrumentation (seen: WebSocketImpl, loaded while transforming a subclass of
            // Java-WebSocket's WebSocketServer).
            return new AgentBuilder.Default(new ByteBuddy().with(MethodGraph.Compiler.ForDeclaredMethods.INSTANCE));
        } finally {
            if (before == null) {
                System.clearProperty(NEXUS_DISABLED);
            } else {
                System.setProperty(NEXUS_DISABLED, before);
            }
        }
    }

    /** Cheap name checks first, so most classes are rejected before any supertype is resolved. */
    private static ElementMatcher.Junction<TypeDescription> ignored() {
        return nameStartsWith("java.")
                .or(nameStartsWith("jdk."))
                .or(nameStartsWith("sun.").and(not(nameStartsWith("sun.net.httpserver."))))
                .or(nameStartsWith("com.sun.").and(not(nameStartsWith("com.sun.net.httpserver."))))
                .or(nameStartsWith("net.bytebuddy."))
                .or(nameStartsWith("io.healthagent."))
                .or(isSynthetic());
    }
}

package io.healthagent.instrumentation;

import static net.bytebuddy.matcher.ElementMatchers.isSynthetic;

import io.healthagent.AgentLog;
import io.healthagent.bootstrap.AgentErrors;
import io.healthagent.bootstrap.RequestBridge;
import java.lang.instrument.Instrumentation;
import java.util.Collections;
import java.util.List;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.agent.builder.AgentBuilder.RedefinitionStrategy;
import net.bytebuddy.dynamic.scaffold.MethodGraph;
import net.bytebuddy.dynamic.scaffold.TypeValidation;

/**
 * Installs every {@link InstrumentationModule} with Byte Buddy, as one class file transformer (the JVM
 * calls every registered transformer for every class it loads; one describes each class once). Each
 * module's rules are added inside their own guard, so a module that fails logs one line and the others
 * work; a class one rule cannot transform is reported by {@link InstallListener} and left as it was.
 * Classes already loaded (an agent attached at run time, or a handler loaded before the agent started)
 * are retransformed. Advice is read by name from the agent's loader, so the agent never loads the
 * host's APIs itself.
 *
 * <p>How Byte Buddy is set up, and why (the figures are in docs/benchmarks.md, "What each Byte Buddy setting buys"):
 * <ul>
 *   <li>Advice is inlined and classes keep their shape ({@code disableClassFormatChanges}, the
 *       {@code DECORATE} type strategy): Byte Buddy rewrites only the advised methods' code and injects
 *       no class anywhere, so it needs no {@code sun.misc.Unsafe} and no Nexus.</li>
 *   <li>Types are described from their class files ({@code POOL_FIRST}), the loaded ones included:
 *       describing a loaded class by reflection loads the classes its members name, inside the
 *       transformer, where they escape instrumentation (seen: Tomcat's {@code WsFrameBase} while
 *       {@code WsSession} was retransformed). Only a class whose loader serves no class file (a JDK
 *       proxy) is described from its {@code Class}.</li>
 *   <li>Method graphs list declared methods only: advice goes into the methods a type declares, so
 *       nothing walks (and resolves) the methods of its super types.</li>
 *   <li>Names first: a class of the JDK (but its HTTP server), of Byte Buddy or of the agent is passed
 *       over before Byte Buddy sets anything up for it, as it is loaded ({@link NameFilteringTransformer})
 *       and among the classes already loaded ({@link LoadedClassDiscovery}).</li>
 * </ul>
 */
public final class AgentInstaller {
    /** Byte Buddy's switch for its Nexus, a class it would otherwise be ready to inject into the system loader. */
    private static final String NEXUS_DISABLED = "net.bytebuddy.nexus.disabled";

    /** Packages no module is about: the JDK's (but its HTTP server, {@link #KEPT}), Byte Buddy's, the agent's. */
    private static final String[] IGNORED = {"java.", "jdk.", "sun.", "com.sun.", "net.bytebuddy.", "io.healthagent."};
    private static final String[] KEPT = {"sun.net.httpserver.", "com.sun.net.httpserver."};
    private static final String[] IGNORED_INTERNAL = internal(IGNORED);
    private static final String[] KEPT_INTERNAL = internal(KEPT);

    private AgentInstaller() {
    }

    /** @return the number of types instrumented so far (retransformed ones included) */
    public static int install(Instrumentation inst, List<InstrumentationModule> modules) {
        ClassLoader agentLoader = AgentInstaller.class.getClassLoader();
        ModuleSupport support = new ModuleSupport(inst, agentLoader);
        InstallListener listener = new InstallListener();
        AgentBuilder builder;
        try {
            builder = newAgentBuilder(agentLoader, listener);
        } catch (Throwable t) {
            AgentLog.error("instrumentation could not be set up: " + AgentLog.describe(t) + "; requests are not measured");
            return 0;
        }
        for (InstrumentationModule module : modules) {
            try {
                for (String site : module.errorSites()) {
                    AgentErrors.register(site);
                }
                // A module that cannot add its rules is left out; the rules of the others stay.
                builder = module.instrument(builder, support);
            } catch (Throwable t) {
                AgentLog.error("instrumentation module " + module.name() + " could not be installed: "
                        + AgentLog.describe(t) + "; its requests are not measured, the other modules work");
            }
        }
        try {
            // jdk.httpserver (a named module) must read the bridge's unnamed module to call it.
            builder.assureReadEdgeTo(inst, RequestBridge.class).installOn(inst);
        } catch (Throwable t) {
            AgentLog.error("instrumentation could not be installed: " + AgentLog.describe(t)
                    + "; requests are not measured");
        }
        return listener.instrumented();
    }

    private static AgentBuilder newAgentBuilder(ClassLoader agentLoader, InstallListener listener) {
        String before = System.getProperty(NEXUS_DISABLED);
        System.setProperty(NEXUS_DISABLED, "true");
        try {
            return new AgentBuilder.Default(new ByteBuddy()
                    .with(MethodGraph.Compiler.ForDeclaredMethods.INSTANCE)
                    .with(TypeValidation.DISABLED))
                    .disableClassFormatChanges()
                    .with(AgentBuilder.TypeStrategy.Default.DECORATE)
                    .with(AgentBuilder.DescriptionStrategy.Default.POOL_FIRST)
                    .with(AgentBuilder.PoolStrategy.Default.FAST)
                    .with(RedefinitionStrategy.RETRANSFORMATION)
                    .with(new LoadedClassDiscovery(agentLoader))
                    // All loaded candidates in one call; a call the JVM refuses is tried again class by class,
                    // so that one class it will not retransform leaves the others instrumented.
                    .with(new RedefinitionStrategy.Listener.BatchReallocator(
                            RedefinitionStrategy.BatchAllocator.ForFixedSize.ofSize(1)))
                    .with(new RedefinitionStrategy.Listener.Adapter() {
                        @Override
                        public Iterable<? extends List<Class<?>>> onError(int index, List<Class<?>> batch,
                                                                          Throwable error, List<Class<?>> types) {
                            if (batch.size() == 1) {
                                listener.failed(batch.get(0).getName(), error);
                            }
                            return Collections.emptyList();
                        }
                    })
                    .with(listener)
                    // The JDK's, Byte Buddy's and the agent's classes never reach Byte Buddy: the name filters
                    // pass them over (as they load, and among those already loaded), so its own ignore list
                    // only has synthetic classes left to leave out.
                    .with(transformer -> new NameFilteringTransformer(transformer, agentLoader))
                    .ignore(isSynthetic());
        } finally {
            if (before == null) {
                System.clearProperty(NEXUS_DISABLED);
            } else {
                System.setProperty(NEXUS_DISABLED, before);
            }
        }
    }

    /** Whether a class of this name is one no module is about. */
    static boolean ignoredName(String name) {
        return ignored(name, IGNORED, KEPT);
    }

    /** The same for a name as the JVM hands it to a transformer ("java/lang/String"). */
    static boolean ignoredInternalName(String internalName) {
        return ignored(internalName, IGNORED_INTERNAL, KEPT_INTERNAL);
    }

    private static boolean ignored(String name, String[] ignored, String[] kept) {
        for (String prefix : ignored) {
            if (name.startsWith(prefix)) {
                for (String exception : kept) {
                    if (name.startsWith(exception)) {
                        return false;
                    }
                }
                return true;
            }
        }
        return false;
    }

    private static String[] internal(String[] names) {
        String[] out = new String[names.length];
        for (int i = 0; i < names.length; i++) {
            out[i] = names[i].replace('.', '/');
        }
        return out;
    }
}

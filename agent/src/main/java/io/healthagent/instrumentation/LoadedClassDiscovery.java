package io.healthagent.instrumentation;

import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder.RedefinitionStrategy.DiscoveryStrategy;

/**
 * The classes already loaded that Byte Buddy considers for retransformation: {@code Reiterating}'s (the
 * loaded classes, then those loaded meanwhile, until none is new), less those no module can be about,
 * told from their {@code Class} before Byte Buddy describes anything: the JDK's (but its HTTP server), the
 * agent's own loader's, arrays, hidden and unmodifiable classes. A started server has thousands of JDK
 * classes loaded; each passed to Byte Buddy costs a description and the ignore matcher.
 */
final class LoadedClassDiscovery implements DiscoveryStrategy {
    private final ClassLoader agentLoader;

    LoadedClassDiscovery(ClassLoader agentLoader) {
        this.agentLoader = agentLoader;
    }

    @Override
    public Iterable<Iterable<Class<?>>> resolve(Instrumentation inst) {
        Iterable<Iterable<Class<?>>> rounds = Reiterating.INSTANCE.resolve(inst);
        return () -> {
            Iterator<Iterable<Class<?>>> each = rounds.iterator();
            return new Iterator<Iterable<Class<?>>>() {
                @Override
                public boolean hasNext() {
                    return each.hasNext();
                }

                @Override
                public Iterable<Class<?>> next() {
                    List<Class<?>> kept = new ArrayList<>();
                    for (Class<?> type : each.next()) {
                        if (candidate(type, inst)) {
                            kept.add(type);
                        }
                    }
                    return kept;
                }
            };
        };
    }

    private boolean candidate(Class<?> type, Instrumentation inst) {
        return !type.isArray() && !type.isPrimitive() && type.getClassLoader() != agentLoader
                && !AgentInstaller.ignoredName(type.getName()) && inst.isModifiableClass(type);
    }
}

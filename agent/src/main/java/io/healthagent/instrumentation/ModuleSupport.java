package io.healthagent.instrumentation;

import static net.bytebuddy.matcher.ElementMatchers.declaresMethod;
import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.not;

import java.lang.instrument.Instrumentation;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/** What modules share: the Instrumentation, the agent's loader (advice is read from it), matcher helpers. */
public final class ModuleSupport {
    public final Instrumentation inst;
    private final ClassLoader agentLoader;

    ModuleSupport(Instrumentation inst, ClassLoader agentLoader) {
        this.inst = inst;
        this.agentLoader = agentLoader;
    }

    /** Inlines {@code advice} into the methods {@code methods} matches. */
    public AgentBuilder.Transformer advice(ElementMatcher<? super MethodDescription> methods, Class<?> advice) {
        return new AgentBuilder.Transformer.ForAdvice()
                .include(agentLoader)
                .advice(methods, advice.getName());
    }

    /**
     * Concrete types that declare a matching method themselves and have {@code superType} above them. The
     * methods are tested first: they are in the class file at hand, while each super type costs a class file
     * read from the loader.
     */
    public static ElementMatcher.Junction<TypeDescription> declaringSubtypesOf(
            ElementMatcher<? super TypeDescription> superType, ElementMatcher<? super MethodDescription> methods) {
        return not(isInterface()).and(declaresMethod(methods)).and(hasSuperType(superType));
    }

    /** Class loaders that can see {@code className} (cached per loader): matching runs only where it can match. */
    public static ElementMatcher.Junction<ClassLoader> canSee(String className) {
        return new HasClassResource(className);
    }
}

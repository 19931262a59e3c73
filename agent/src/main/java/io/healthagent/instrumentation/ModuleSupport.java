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
     * Concrete types that declare a matching method themselves and have {@code superType} above them.
     * Which check runs first depends on how the type is described: a class being loaded is read from its
     * own bytes, where its methods cost nothing and its supertypes cost a class file each; a class already
     * loaded (retransformed at install) is described by reflection, where its supertypes cost nothing and
     * its methods cost a {@code getDeclaredMethods()} whose result the JVM then keeps, for every class.
     */
    public static ElementMatcher.Junction<TypeDescription> declaringSubtypesOf(
            ElementMatcher<? super TypeDescription> superType, ElementMatcher<? super MethodDescription> methods) {
        ElementMatcher.Junction<TypeDescription> declares = declaresMethod(methods);
        ElementMatcher.Junction<TypeDescription> extendsIt = hasSuperType(superType);
        ElementMatcher.Junction<TypeDescription> read = not(isInterface()).and(declares).and(extendsIt);
        ElementMatcher.Junction<TypeDescription> loaded = not(isInterface()).and(extendsIt).and(declares);
        return new ElementMatcher.Junction.AbstractBase<TypeDescription>() {
            @Override
            public boolean matches(TypeDescription type) {
                return type instanceof TypeDescription.ForLoadedType ? loaded.matches(type) : read.matches(type);
            }
        };
    }

    /** Class loaders that can see {@code className} (cached per loader): matching runs only where it can match. */
    public static ElementMatcher<ClassLoader> canSee(String className) {
        return new HasClassResource(className);
    }
}

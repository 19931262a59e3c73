package io.healthagent.instrumentation;

import static io.healthagent.instrumentation.weaver.Matchers.declaresMethod;
import static io.healthagent.instrumentation.weaver.Matchers.hasSuperType;
import static io.healthagent.instrumentation.weaver.Matchers.isInterface;
import static io.healthagent.instrumentation.weaver.Matchers.not;

import io.healthagent.instrumentation.weaver.AdviceRule;
import io.healthagent.instrumentation.weaver.Matcher;
import io.healthagent.instrumentation.weaver.MethodView;
import io.healthagent.instrumentation.weaver.TypeView;
import java.lang.instrument.Instrumentation;

/** What modules share: the Instrumentation, the agent's loader (advice is read from it), matcher helpers. */
public final class ModuleSupport {
    public final Instrumentation inst;
    private final ClassLoader agentLoader;

    ModuleSupport(Instrumentation inst, ClassLoader agentLoader) {
        this.inst = inst;
        this.agentLoader = agentLoader;
    }

    /** Weaves {@code advice} into the methods {@code methods} matches. */
    public AdviceRule advice(Matcher<? super MethodView> methods, Class<?> advice) {
        return new AdviceRule(methods, advice.getName(), agentLoader);
    }

    /**
     * Concrete types that declare a matching method themselves and have {@code superType} above them. The
     * methods are tested first: they are in the class file at hand, while each super type costs a class
     * file read from the loader (a class already loaded passes the method test until its bytes come back).
     */
    public static Matcher<TypeView> declaringSubtypesOf(Matcher<? super TypeView> superType,
                                                        Matcher<? super MethodView> methods) {
        Matcher<TypeView> concrete = not(isInterface());
        return concrete.and(declaresMethod(methods)).and(hasSuperType(superType));
    }

    /** Class loaders that can see {@code className} (cached per loader): matching runs only where it can match. */
    public static Matcher<ClassLoader> canSee(String className) {
        return new HasClassResource(className);
    }
}

package io.healthagent.instrumentation.weaver;

/** One advice class and the methods it goes into. Its advice methods are read (and checked) when it is made. */
public final class AdviceRule {
    private final Matcher<? super MethodView> methods;
    private final String adviceClass;
    private final AdviceMethod enter;
    private final AdviceMethod exit;

    public AdviceRule(Matcher<? super MethodView> methods, String adviceClassName, ClassLoader agentLoader) {
        this.methods = methods;
        this.adviceClass = adviceClassName.replace('.', '/');
        AdviceMethod enterFound = null;
        AdviceMethod exitFound = null;
        for (AdviceMethod m : AdviceMethod.readAll(agentLoader, adviceClassName)) {
            if (m.enter) {
                enterFound = m;
            } else {
                exitFound = m;
            }
        }
        this.enter = enterFound;
        this.exit = exitFound;
    }

    Matcher<? super MethodView> methods() {
        return methods;
    }

    String adviceClass() {
        return adviceClass;
    }

    AdviceMethod enter() {
        return enter;
    }

    AdviceMethod exit() {
        return exit;
    }

}

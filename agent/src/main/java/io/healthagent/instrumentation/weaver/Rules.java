package io.healthagent.instrumentation.weaver;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What a module asks for, written as {@code rules.type(types).transform(advice).transform(advice)...}: the
 * advice rules after a {@code type} call apply to the classes it matches.
 */
public final class Rules {
    /** The types (and the loaders they are defined by) some advice goes into. */
    static final class TypeRule {
        final Matcher<? super TypeView> types;
        final Matcher<? super ClassLoader> loaders;
        final List<AdviceRule> advice = new ArrayList<>();

        TypeRule(Matcher<? super TypeView> types, Matcher<? super ClassLoader> loaders) {
            this.types = types;
            this.loaders = loaders;
        }
    }

    private final List<TypeRule> rules = new ArrayList<>();

    public Rules type(Matcher<? super TypeView> types) {
        return type(types, loader -> true);
    }

    /** {@code loaders} is tested first: it keeps costly type tests out of loaders where they cannot match. */
    public Rules type(Matcher<? super TypeView> types, Matcher<? super ClassLoader> loaders) {
        rules.add(new TypeRule(types, loaders));
        return this;
    }

    public Rules transform(AdviceRule advice) {
        if (rules.isEmpty()) {
            throw new IllegalStateException("transform before type");
        }
        rules.get(rules.size() - 1).advice.add(advice);
        return this;
    }

    /** Adds {@code other}'s rules after these (a module's, once they were all built). */
    public void addAll(Rules other) {
        rules.addAll(other.rules);
    }

    List<TypeRule> list() {
        return Collections.unmodifiableList(rules);
    }
}

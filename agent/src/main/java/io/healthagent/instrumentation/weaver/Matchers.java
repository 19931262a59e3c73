package io.healthagent.instrumentation.weaver;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The matchers modules write their rules with (names as in Byte Buddy's, which the rules were first written in). */
public final class Matchers {
    private Matchers() {
    }

    public static <T extends Named> Matcher<T> named(String name) {
        return target -> name.equals(target.name());
    }

    public static <T extends Named> Matcher<T> namedOneOf(String... names) {
        Set<String> set = new HashSet<>(Arrays.asList(names));
        return target -> set.contains(target.name());
    }

    public static <T extends Named> Matcher<T> nameStartsWith(String prefix) {
        return target -> target.name().startsWith(prefix);
    }

    public static <T> Matcher<T> not(Matcher<? super T> matcher) {
        return target -> !matcher.matches(target);
    }

    public static Matcher<MethodView> isConstructor() {
        return MethodView::isConstructor;
    }

    /** A method, not a constructor nor a static initialiser. */
    public static Matcher<MethodView> isMethod() {
        return method -> !method.name().startsWith("<");
    }

    public static Matcher<MethodView> isStatic() {
        return MethodView::isStatic;
    }

    public static Matcher<MethodView> isAbstract() {
        return MethodView::isAbstract;
    }

    public static Matcher<MethodView> takesArguments(int count) {
        return method -> method.arguments().size() == count;
    }

    public static Matcher<MethodView> takesArgument(int index, Matcher<? super Named> type) {
        return method -> {
            List<Named> arguments = method.arguments();
            return index < arguments.size() && type.matches(arguments.get(index));
        };
    }

    public static Matcher<MethodView> takesArgument(int index, Class<?> type) {
        return takesArgument(index, named(type.getName()));
    }

    public static Matcher<TypeView> isInterface() {
        return TypeView::isInterface;
    }

    /**
     * Types that declare a method {@code method} matches. A type already loaded, whose methods are matched
     * only once its bytes are handed over (see {@link TypeView#declaredMethods()}), passes.
     */
    public static Matcher<TypeView> declaresMethod(Matcher<? super MethodView> method) {
        return type -> {
            List<MethodView> methods = type.declaredMethods();
            if (methods == null) {
                return true;
            }
            for (MethodView m : methods) {
                if (method.matches(m)) {
                    return true;
                }
            }
            return false;
        };
    }

    /** The type itself or any of its super classes and interfaces, however far up, matches {@code type}. */
    public static Matcher<TypeView> hasSuperType(Matcher<? super TypeView> type) {
        return start -> {
            ArrayDeque<TypeView> pending = new ArrayDeque<>();
            Set<String> seen = new HashSet<>();
            pending.add(start);
            while (!pending.isEmpty()) {
                TypeView next = pending.poll();
                if (!seen.add(next.name())) {
                    continue;
                }
                if (type.matches(next)) {
                    return true;
                }
                pending.addAll(next.superTypes());
            }
            return false;
        };
    }
}

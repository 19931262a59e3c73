package io.healthagent.instrumentation.weaver;

/**
 * A test on a type, a method, a type name or a class loader, combined with {@link #and} and {@link #or}.
 * Combinations evaluate left to right and stop early, so the cheap tests go first.
 */
@FunctionalInterface
public interface Matcher<T> {
    boolean matches(T target);

    default <U extends T> Matcher<U> and(Matcher<? super U> other) {
        return target -> matches(target) && other.matches(target);
    }

    default <U extends T> Matcher<U> or(Matcher<? super U> other) {
        return target -> matches(target) || other.matches(target);
    }
}

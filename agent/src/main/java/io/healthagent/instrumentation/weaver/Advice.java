package io.healthagent.instrumentation.weaver;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The annotations an advice class is written with. The weaver reads them from the advice's class file and
 * copies the advice's code into the instrumented method (see {@link MethodWeaver}); they are never loaded
 * at run time, hence {@code CLASS} retention. An advice method is static; it may read what its
 * parameters are bound to, never assign them.
 */
public final class Advice {
    private Advice() {
    }

    /** Copied to the start of the method. Its return value is what {@link Enter} reads in the exit advice. */
    @Retention(RetentionPolicy.CLASS)
    @Target(ElementType.METHOD)
    public @interface OnMethodEnter {
        /** {@code Throwable.class}: an exception from the advice is dropped (and its return value is 0 or null). */
        Class<? extends Throwable> suppress() default NoException.class;
    }

    /** Copied before every return of the method (and, with {@code onThrowable}, before it throws). */
    @Retention(RetentionPolicy.CLASS)
    @Target(ElementType.METHOD)
    public @interface OnMethodExit {
        /** {@code Throwable.class}: the exit advice also runs when the method throws; not on constructors. */
        Class<? extends Throwable> onThrowable() default NoException.class;

        /** As {@link OnMethodEnter#suppress()}. */
        Class<? extends Throwable> suppress() default NoException.class;
    }

    /** The instance the method runs on (not in a constructor's enter advice). */
    @Retention(RetentionPolicy.CLASS)
    @Target(ElementType.PARAMETER)
    public @interface This {
    }

    /** The method's argument at this index. */
    @Retention(RetentionPolicy.CLASS)
    @Target(ElementType.PARAMETER)
    public @interface Argument {
        int value();
    }

    /** All the method's arguments, boxed, in a new array. */
    @Retention(RetentionPolicy.CLASS)
    @Target(ElementType.PARAMETER)
    public @interface AllArguments {
    }

    /** In exit advice: what the enter advice returned. */
    @Retention(RetentionPolicy.CLASS)
    @Target(ElementType.PARAMETER)
    public @interface Enter {
    }

    /** In exit advice: the value the method returns (0 or null when it throws, and for a void method). */
    @Retention(RetentionPolicy.CLASS)
    @Target(ElementType.PARAMETER)
    public @interface Return {
    }

    /** In exit advice with {@code onThrowable}: what the method throws, or null. */
    @Retention(RetentionPolicy.CLASS)
    @Target(ElementType.PARAMETER)
    public @interface Thrown {
    }

    /** The value of the instrumented class's own field of this name. */
    @Retention(RetentionPolicy.CLASS)
    @Target(ElementType.PARAMETER)
    public @interface FieldValue {
        String value();
    }

    /** The default of {@code suppress} and {@code onThrowable}: nothing is caught. */
    public static final class NoException extends Throwable {
        private static final long serialVersionUID = 1L;

        private NoException() {
        }
    }
}

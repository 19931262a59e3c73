package io.healthagent.instrumentation.weaver;

/** Anything matched by name: a type, a method, the type of a method's argument. */
public interface Named {
    /** A type's binary name with dots ({@code a.b.Outer$Inner}), a method's name ({@code <init>} for constructors). */
    String name();
}

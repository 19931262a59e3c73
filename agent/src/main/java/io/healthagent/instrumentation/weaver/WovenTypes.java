package io.healthagent.instrumentation.weaver;

/** What advice needs to know of the types it is woven among, from class files (nothing is loaded). */
interface WovenTypes {
    /** The descriptor of a field advice may read, or null. */
    String fieldDescriptor(String field);

    /** Whether a value of type {@code from} may be used as a {@code to} (internal names). */
    boolean assignable(String from, String to);
}

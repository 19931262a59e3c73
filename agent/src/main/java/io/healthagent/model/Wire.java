package io.healthagent.model;

/** An enum whose JSON form is its {@link #wire()} name ("healthy", "Critical"), not its constant's name. */
public interface Wire {
    String wire();
}

package example;

/** A second class for the installer's rules to match, by its constructor. */
public class GreeterBase {
    protected int inherited = 42;
}

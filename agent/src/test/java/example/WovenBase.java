package example;

/** The super class of {@link Woven}: its field is read by advice through the subclass. */
public class WovenBase {
    protected int inherited = 42;
}

package example;

/** A class for the installer's rules to match (outside io.healthagent, whose classes are never instrumented). */
public class Greeter {
    public String greet(String who) {
        return "hello " + who;
    }
}

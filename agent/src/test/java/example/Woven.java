package example;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Methods of every shape the weaver must keep valid (test fixture; outside io.healthagent, which is never woven). */
public class Woven extends WovenBase implements Function<String, String> {
    private final String name;
    public long counter;

    public Woven(String name) {
        this.name = name;
        this.counter = name.length();
    }

    public Woven(int a, long b, String c) {
        this(c + a + b);
    }

    public String greet(String who) {
        return "hello " + who + " from " + name;
    }

    public int loop(int n) {
        int sum = 0;
        for (int i = 0; i < n; i++) {
            if (i % 2 == 0) {
                sum += i;
            } else {
                sum -= 1;
            }
        }
        return sum;
    }

    public long wide(long a, double b, int c) {
        long local = a * 2;
        double d = b + c;
        return local + (long) d;
    }

    public void fail(String message) {
        if (message != null) {
            throw new IllegalStateException(message);
        }
    }

    public String caught(String s) {
        try {
            return s.toUpperCase();
        } catch (NullPointerException e) {
            return "caught";
        } finally {
            counter++;
        }
    }

    public static int twice(int x) {
        return x * 2;
    }

    public List<String> many(boolean b, byte by, char ch, short sh, float f) {
        List<String> out = new ArrayList<>();
        out.add(b + ":" + by + ":" + ch + ":" + sh + ":" + f);
        return out;
    }

    /** javac adds a bridge {@code apply(Object)} that casts and calls this. */
    @Override
    public String apply(String s) {
        return s + "!";
    }

    public String name() {
        return name;
    }
}

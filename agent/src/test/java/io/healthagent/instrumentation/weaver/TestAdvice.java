package io.healthagent.instrumentation.weaver;

/** Advice classes for {@link WeaverTest}. */
public final class TestAdvice {
    private TestAdvice() {
    }

    public static final class Timed {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static long enter(@Advice.Argument(0) Object first) {
            Recorded.add("enter " + first);
            return 7L;
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Advice.Enter long entered, @Advice.Return Object returned,
                                @Advice.Thrown Throwable thrown) {
            String outcome = thrown == null ? "returned " + returned : "threw " + thrown.getMessage();
            Recorded.add("exit " + entered + " " + outcome);
        }
    }

    public static final class Loop {
        @Advice.OnMethodEnter
        public static int enter(@Advice.Argument(0) int n) {
            int total = 0;
            for (int i = 0; i < n; i++) {
                total += i;
            }
            return total;
        }

        @Advice.OnMethodExit
        public static void exit(@Advice.Enter int total, @Advice.Return int returned, @Advice.This Object self) {
            Recorded.add("loop " + total + " " + returned + " " + (self != null));
        }
    }

    public static final class Wide {
        @Advice.OnMethodEnter
        public static double enter(@Advice.Argument(0) long a, @Advice.Argument(1) double b) {
            return a + b;
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class)
        public static void exit(@Advice.Enter double sum, @Advice.Return long returned,
                                @Advice.Argument(2) int c, @Advice.FieldValue("counter") long counter) {
            Recorded.add("wide " + sum + " " + returned + " " + c + " " + counter);
        }
    }

    public static final class Throwing {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static String enter() {
            throw new IllegalArgumentException("advice fails");
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        public static void exit(@Advice.Enter String entered) {
            Recorded.add("entered " + entered);
            throw new IllegalArgumentException("exit fails too");
        }
    }

    public static final class OwnCatch {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Advice.Thrown Throwable thrown) {
            try {
                if (thrown != null) {
                    throw new IllegalStateException("inner");
                }
                Recorded.add("no throwable");
            } catch (IllegalStateException e) {
                Recorded.add("own catch " + e.getMessage());
            }
        }
    }

    public static final class Created {
        @Advice.OnMethodEnter
        public static void enter(@Advice.Argument(0) Object first) {
            Recorded.add("constructing " + first);
        }

        @Advice.OnMethodExit
        public static void exit(@Advice.This Object self, @Advice.AllArguments Object[] args,
                                @Advice.FieldValue("inherited") int inherited) {
            Recorded.add("constructed " + java.util.Arrays.toString(args) + " " + inherited);
        }
    }

    public static final class Static {
        @Advice.OnMethodExit
        public static void exit(@Advice.Argument(0) int x, @Advice.Return int returned) {
            Recorded.add("twice " + x + "=" + returned);
        }
    }

    public static final class Primitives {
        @Advice.OnMethodEnter
        public static void enter(@Advice.AllArguments Object[] args) {
            Recorded.add("args " + java.util.Arrays.toString(args));
        }
    }

    public static final class Typed {
        @Advice.OnMethodEnter
        public static void enter(@Advice.Argument(0) String s, @Advice.This WovenBaseView self) {
            Recorded.add("typed " + s.length());
        }
    }

    /** Stands for a type the woven class is not. */
    public interface WovenBaseView {
    }

    public static final class WrongType {
        @Advice.OnMethodEnter
        public static void enter(@Advice.Argument(0) Integer notAString) {
            Recorded.add("never");
        }
    }

    public static final class Lambda {
        @Advice.OnMethodEnter
        public static void enter(@Advice.Argument(0) int x) {
            Runnable r = () -> Recorded.add("lambda");
            r.run();
        }
    }

    public static final class AssignsParameter {
        @Advice.OnMethodEnter
        public static void enter(@Advice.Argument(0) String who) {
            who = "changed";
            Recorded.add(who);
        }
    }
}

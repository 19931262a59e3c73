package io.healthagent.instrumentation.weaver;

import static io.healthagent.instrumentation.weaver.Matchers.isConstructor;
import static io.healthagent.instrumentation.weaver.Matchers.named;
import static io.healthagent.instrumentation.weaver.Matchers.takesArguments;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import example.Woven;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The weaver against methods of every shape: the woven class is defined in a fresh loader, so the JVM's
 * verifier checks every frame the weaver wrote, and then runs.
 */
public class WeaverTest {
    private static final ClassLoader AGENT = WeaverTest.class.getClassLoader();

    @BeforeEach
    void clear() {
        Recorded.EVENTS.clear();
    }

    static AdviceRule rule(Matcher<? super MethodView> methods, Class<?> advice) {
        return new AdviceRule(methods, advice.getName(), AGENT);
    }

    /** {@link Woven} with the rules woven in. */
    static Class<?> woven(AdviceRule... rules) throws Exception {
        return wovenCopy(Woven.class, rules);
    }

    /** {@code type} with the rules woven in, defined in a loader of its own (all else from the test's). */
    public static Class<?> wovenCopy(Class<?> type, AdviceRule... rules) throws Exception {
        byte[] original = classFile(type);
        byte[] bytes = WeavingTransformer.weave(original, Arrays.asList(rules), AGENT, AGENT);
        assertTrue(bytes != null, "some method matched");
        return new ClassLoader(AGENT) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                if (name.equals(type.getName())) {
                    synchronized (getClassLoadingLock(name)) {
                        Class<?> c = findLoadedClass(name);
                        return c != null ? c : defineClass(name, bytes, 0, bytes.length);
                    }
                }
                return super.loadClass(name, resolve);
            }
        }.loadClass(type.getName());
    }

    static byte[] classFile(Class<?> type) throws java.io.IOException {
        try (InputStream in = AGENT.getResourceAsStream(type.getName().replace('.', '/') + ".class")) {
            return in.readAllBytes();
        }
    }

    /** Weaving {@code rule} into {@link Woven} fails, saying {@code why}. */
    static void assertRefused(AdviceRule rule, String why) {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> woven(rule));
        assertTrue(e.getMessage().contains(why), e.getMessage());
    }

    static Object call(Object target, String method, Object... args) throws Throwable {
        for (Method m : target.getClass().getMethods()) {
            if (m.getName().equals(method) && m.getParameterCount() == args.length) {
                try {
                    return m.invoke(target, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            }
        }
        throw new AssertionError("no method " + method);
    }

    static Object instance(Class<?> type, String name) throws Exception {
        return type.getConstructor(String.class).newInstance(name);
    }

    @Test
    void enterAndExitSeeArgumentsEnterValueAndReturnValue() throws Throwable {
        Object w = instance(woven(rule(named("greet"), TestAdvice.Timed.class)), "x");
        assertEquals("hello bob from x", call(w, "greet", "bob"));
        assertEquals(List.of("enter bob", "exit 7 returned hello bob from x"), Recorded.EVENTS);
    }

    @Test
    void exitOnThrowableSeesTheExceptionWhichStillPropagates() throws Throwable {
        Object w = instance(woven(rule(named("fail"), TestAdvice.Timed.class)), "x");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> call(w, "fail", "boom"));
        assertEquals("boom", e.getMessage());
        call(w, "fail", (Object) null);
        assertEquals(List.of("enter boom", "exit 7 threw boom", "enter null", "exit 7 returned null"), Recorded.EVENTS);
    }

    @Test
    void loopsInTheMethodAndInTheAdviceKeepTheirFrames() throws Throwable {
        Object w = instance(woven(rule(named("loop"), TestAdvice.Loop.class)), "x");
        assertEquals(4, call(w, "loop", 5));
        assertEquals(List.of("loop 10 4 true"), Recorded.EVENTS);
    }

    @Test
    void wideValuesAndFieldsAreReadWhole() throws Throwable {
        Object w = instance(woven(rule(named("wide"), TestAdvice.Wide.class)), "xyz");
        assertEquals(9L, call(w, "wide", 3L, 1.5d, 2));
        assertEquals(List.of("wide 4.5 9 2 3"), Recorded.EVENTS);
    }

    @Test
    void adviceThatThrowsIsSuppressedAndTheMethodRunsAsBefore() throws Throwable {
        Object w = instance(woven(rule(named("greet"), TestAdvice.Throwing.class)), "x");
        assertEquals("hello ann from x", call(w, "greet", "ann"));
        assertEquals(List.of("entered null"), Recorded.EVENTS, "the enter value is null after a suppressed throw");
    }

    @Test
    void theAdvicesOwnHandlersCatchBeforeItsSuppression() throws Throwable {
        Object w = instance(woven(rule(named("fail"), TestAdvice.OwnCatch.class)), "x");
        assertThrows(IllegalStateException.class, () -> call(w, "fail", "boom"));
        call(w, "fail", (Object) null);
        assertEquals(List.of("own catch inner", "no throwable"), Recorded.EVENTS);
    }

    @Test
    void theMethodsOwnHandlersStillCatchFirst() throws Throwable {
        Object w = instance(woven(rule(named("caught"), TestAdvice.Timed.class)), "x");
        assertEquals("caught", call(w, "caught", (Object) null));
        assertEquals("ABC", call(w, "caught", "abc"));
        assertEquals(List.of("enter null", "exit 7 returned caught", "enter abc", "exit 7 returned ABC"),
                Recorded.EVENTS);
        assertEquals(3L, w.getClass().getField("counter").get(w), "the finally block ran twice");
    }

    @Test
    void constructorsGetEnterBeforeAndExitAfterTheirBody() throws Throwable {
        Class<?> type = woven(rule(isConstructor().and(takesArguments(1)), TestAdvice.Created.class));
        Object w = instance(type, "abc");
        assertEquals("abc", call(w, "name"));
        assertEquals(List.of("constructing abc", "constructed [abc] 42"), Recorded.EVENTS);
        Recorded.EVENTS.clear();
        type.getConstructor(int.class, long.class, String.class).newInstance(1, 2L, "c");
        assertEquals(List.of("constructing c12", "constructed [c12] 42"), Recorded.EVENTS,
                "a constructor calling this(...) reaches the advised one");
    }

    @Test
    void staticMethodsAndPrimitiveArguments() throws Throwable {
        Class<?> type = woven(rule(named("twice"), TestAdvice.Static.class), rule(named("many"), TestAdvice.Primitives.class));
        assertEquals(8, type.getMethod("twice", int.class).invoke(null, 4));
        Object w = instance(type, "x");
        assertEquals(List.of("true:1:c:2:1.5"), call(w, "many", true, (byte) 1, 'c', (short) 2, 1.5f));
        assertEquals(List.of("twice 4=8", "args [true, 1, c, 2, 1.5]"), Recorded.EVENTS);
    }

    @Test
    void twoAdviceOnOneMethodBothRun() throws Throwable {
        Object w = instance(woven(rule(named("fail"), TestAdvice.Timed.class),
                rule(named("fail"), TestAdvice.OwnCatch.class)), "x");
        assertThrows(IllegalStateException.class, () -> call(w, "fail", "boom"));
        assertEquals(List.of("enter boom", "own catch inner", "exit 7 threw boom"), Recorded.EVENTS);
    }

    @Test
    void bridgeMethodsAreLeftToForward() throws Throwable {
        Object w = instance(woven(rule(named("apply"), TestAdvice.Timed.class)), "x");
        @SuppressWarnings("unchecked")
        java.util.function.Function<Object, Object> f = (java.util.function.Function<Object, Object>) w;
        assertEquals("a!", f.apply("a"), "called through the bridge");
        assertEquals(List.of("enter a", "exit 7 returned a!"), Recorded.EVENTS, "advice ran once, in the real method");
    }

    @Test
    void parametersOfTypesTheValuesAreNotAreRefused() {
        assertRefused(rule(named("greet"), TestAdvice.WrongType.class), "reads a java.lang.String as a java.lang.Integer");
        assertRefused(rule(named("greet"), TestAdvice.Typed.class), "reads a example.Woven as a");
    }

    @Test
    void adviceThatAssignsAParameterIsRefused() {
        assertRefused(rule(named("greet"), TestAdvice.AssignsParameter.class), "assigns its parameter");
    }

    @Test
    void classFilesOlderThanJava6GetNoFrames() throws Throwable {
        // A Java 5 class file (no stack map frames; the JVM infers types) with a branch in its method.
        org.objectweb.asm.ClassWriter cw = new org.objectweb.asm.ClassWriter(org.objectweb.asm.ClassWriter.COMPUTE_MAXS);
        cw.visit(org.objectweb.asm.Opcodes.V1_5, org.objectweb.asm.Opcodes.ACC_PUBLIC, "example/Old", null,
                "java/lang/Object", null);
        org.objectweb.asm.MethodVisitor mv = cw.visitMethod(org.objectweb.asm.Opcodes.ACC_PUBLIC
                | org.objectweb.asm.Opcodes.ACC_STATIC, "twice", "(I)I", null, null);
        mv.visitCode();
        org.objectweb.asm.Label positive = new org.objectweb.asm.Label();
        mv.visitVarInsn(org.objectweb.asm.Opcodes.ILOAD, 0);
        mv.visitJumpInsn(org.objectweb.asm.Opcodes.IFGE, positive);
        mv.visitInsn(org.objectweb.asm.Opcodes.ICONST_0);
        mv.visitInsn(org.objectweb.asm.Opcodes.IRETURN);
        mv.visitLabel(positive);
        mv.visitVarInsn(org.objectweb.asm.Opcodes.ILOAD, 0);
        mv.visitInsn(org.objectweb.asm.Opcodes.ICONST_2);
        mv.visitInsn(org.objectweb.asm.Opcodes.IMUL);
        mv.visitInsn(org.objectweb.asm.Opcodes.IRETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        cw.visitEnd();
        byte[] bytes = WeavingTransformer.weave(cw.toByteArray(), List.of(rule(named("twice"), TestAdvice.Static.class)),
                AGENT, AGENT);
        Class<?> old = new ClassLoader(AGENT) {
            Class<?> define() {
                return defineClass("example.Old", bytes, 0, bytes.length);
            }
        }.define();
        assertEquals(10, old.getMethod("twice", int.class).invoke(null, 5));
        assertEquals(0, old.getMethod("twice", int.class).invoke(null, -1));
        assertEquals(List.of("twice 5=10", "twice -1=0"), Recorded.EVENTS);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> WeavingTransformer.weave(
                cw.toByteArray(), List.of(rule(named("twice"), TestAdvice.Lambda.class)), AGENT, AGENT));
        assertTrue(e.getMessage().contains("uses invokedynamic, which a class file of version 49 cannot hold"),
                e.getMessage());
    }

    @Test
    void adviceThatUsesItsOwnClassIsRefused() {
        assertRefused(rule(named("twice"), TestAdvice.Lambda.class), "uses its own class's members");
    }

    @Test
    void noMatchingMethodLeavesTheClassAlone() throws Exception {
        assertNull(WeavingTransformer.weave(classFile(Woven.class), List.of(rule(named("absent"), TestAdvice.Timed.class)),
                AGENT, AGENT));
    }
}

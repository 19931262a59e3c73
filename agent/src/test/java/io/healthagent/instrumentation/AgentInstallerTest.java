package io.healthagent.instrumentation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Array;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import example.Woven;
import io.healthagent.instrumentation.weaver.Matchers;
import io.healthagent.instrumentation.weaver.Rules;
import org.junit.jupiter.api.Test;

/**
 * All modules install as one transformer; each builds its rules inside its own guard: one that fails logs
 * one line and the rules of the others still transform their classes.
 */
class AgentInstallerTest {
    /** Advice that does nothing: a class it is applied to comes back changed. */
    public static final class NoopAdvice {
        @io.healthagent.instrumentation.weaver.Advice.OnMethodEnter
        public static void enter() {
        }
    }

    /** An Instrumentation that accepts everything and has no loaded classes; it records transformers. */
    static Instrumentation instrumentation(List<ClassFileTransformer> transformers) {
        return (Instrumentation) Proxy.newProxyInstance(Instrumentation.class.getClassLoader(),
                new Class<?>[] {Instrumentation.class}, (p, m, a) -> {
                    if (m.getName().equals("addTransformer")) transformers.add((ClassFileTransformer) a[0]);
                    Class<?> r = m.getReturnType();
                    if (r == boolean.class) return m.getName().startsWith("is"); // supported, modifiable
                    if (r == long.class) return 0L;
                    if (r.isArray()) return Array.newInstance(r.getComponentType(), 0);
                    return null;
                });
    }

    static InstrumentationModule module(String name, Class<?> target, String method, List<String> calls) {
        return new InstrumentationModule() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public List<String> errorSites() {
                return Collections.emptyList();
            }

            @Override
            public Rules instrument(Rules builder, ModuleSupport support) {
                calls.add(name);
                if (target == null) throw new IllegalStateException("cannot match " + name);
                return builder.type(Matchers.named(target.getName()))
                        .transform(support.advice(Matchers.named(method), NoopAdvice.class));
            }
        };
    }

    @Test
    void aModuleThatFailsLeavesTheOthersInstalled() {
        List<String> calls = new ArrayList<>();
        List<ClassFileTransformer> transformers = new ArrayList<>();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            AgentInstaller.install(instrumentation(transformers), Arrays.asList(
                    module("first", Woven.class, "greet", calls), module("broken", null, null, calls),
                    module("last", example.WovenBase.class, "<init>", calls)));
        } finally {
            System.setErr(original);
        }
        assertEquals(List.of("first", "broken", "last"), calls, "every module was tried");
        assertEquals(1, transformers.size(), "one transformer for every module");
        assertTrue(transforms(transformers.get(0), Woven.class), "the first module's rule applies");
        assertTrue(transforms(transformers.get(0), example.WovenBase.class), "the rule after the broken module applies");
        assertTrue(!transforms(transformers.get(0), org.junit.jupiter.api.Assertions.class), "no rule matches other classes");
        String log = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, log.lines().count(), log);
        assertTrue(log.contains("instrumentation module broken could not be installed: IllegalStateException: "
                + "cannot match broken"), log);
    }

    @Test
    void theRealModulesInstall() {
        List<ClassFileTransformer> transformers = new ArrayList<>();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            AgentInstaller.install(instrumentation(transformers), InstrumentationModules.ALL);
        } finally {
            System.setErr(original);
        }
        assertEquals("", err.toString(StandardCharsets.UTF_8), "every module built its rules");
        assertEquals(1, transformers.size());
    }

    /** Whether the transformer changes {@code type}'s class file, as the JVM would ask it when loading it. */
    private static boolean transforms(ClassFileTransformer transformer, Class<?> type) {
        String resource = type.getName().replace('.', '/') + ".class";
        try (java.io.InputStream in = type.getClassLoader().getResourceAsStream(resource)) {
            byte[] bytes = in.readAllBytes();
            return transformer.transform(new ClassLoader(type.getClassLoader()) { }, type.getName().replace('.', '/'),
                    null, type.getProtectionDomain(), bytes) != null;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}

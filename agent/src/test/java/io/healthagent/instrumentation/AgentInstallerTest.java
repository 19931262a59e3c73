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
import example.Greeter;
import example.GreeterBase;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.matcher.ElementMatchers;
import org.junit.jupiter.api.Test;

/**
 * All modules install as one transformer; each builds its rules inside its own guard: one that fails logs
 * one line and the rules of the others still transform their classes.
 */
class AgentInstallerTest {
    /** Advice that does nothing: a class it is applied to comes back changed. */
    public static final class NoopAdvice {
        @Advice.OnMethodEnter
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
            public AgentBuilder instrument(AgentBuilder builder, ModuleSupport support) {
                calls.add(name);
                if (target == null) throw new IllegalStateException("cannot match " + name);
                return builder.type(ElementMatchers.named(target.getName()))
                        .transform(support.advice("<init>".equals(method) ? ElementMatchers.isConstructor() : ElementMatchers.named(method), NoopAdvice.class));
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
                    module("first", Greeter.class, "greet", calls), module("broken", null, null, calls),
                    module("last", GreeterBase.class, "<init>", calls)));
        } finally {
            System.setErr(original);
        }
        assertEquals(List.of("first", "broken", "last"), calls, "every module was tried");
        assertEquals(1, transformers.size(), "one transformer for every module");
        assertTrue(transforms(transformers.get(0), Greeter.class), "the first module's rule applies");
        assertTrue(transforms(transformers.get(0), GreeterBase.class), "the rule after the broken module applies");
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

    @Test
    void classesNoModuleIsAboutArePassedOverByNameAlone() {
        for (String ignored : List.of("java/lang/String", "jdk/internal/misc/Unsafe", "sun/nio/ch/Net",
                "com/sun/proxy/$Proxy12", "net/bytebuddy/agent/builder/AgentBuilder", "io/healthagent/model/HealthStatus")) {
            assertTrue(AgentInstaller.ignoredInternalName(ignored), ignored);
            assertTrue(AgentInstaller.ignoredName(ignored.replace('/', '.')), ignored);
        }
        // The JDK's HTTP server is instrumented; javax.servlet is not the JDK's.
        for (String kept : List.of("sun/net/httpserver/ExchangeImpl", "com/sun/net/httpserver/Filter$Chain",
                "javax/servlet/http/HttpServlet", "jakarta/servlet/http/HttpServlet", "io/netty/channel/Channel",
                "example/Greeter")) {
            assertTrue(!AgentInstaller.ignoredInternalName(kept), kept);
            assertTrue(!AgentInstaller.ignoredName(kept.replace('/', '.')), kept);
        }
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

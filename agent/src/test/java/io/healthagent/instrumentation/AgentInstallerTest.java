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
import net.bytebuddy.agent.builder.AgentBuilder;
import org.junit.jupiter.api.Test;

/** Each module installs inside its own guard: one that fails logs one line and the others still install. */
class AgentInstallerTest {
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

    static InstrumentationModule module(String name, boolean broken, List<String> calls) {
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
                if (broken) throw new IllegalStateException("cannot match " + name);
                return builder;
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
                    module("first", false, calls), module("broken", true, calls), module("last", false, calls)));
        } finally {
            System.setErr(original);
        }
        assertEquals(List.of("first", "broken", "last"), calls, "every module was tried");
        assertEquals(2, transformers.size(), "the two good modules installed a transformer each");
        String log = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, log.lines().count(), log);
        assertTrue(log.contains("instrumentation module broken could not be installed: IllegalStateException: "
                + "cannot match broken"), log);
        assertTrue(System.getProperty("net.bytebuddy.nexus.disabled") == null, "the Nexus switch is put back");
    }

    @Test
    void theRealModulesInstall() {
        List<ClassFileTransformer> transformers = new ArrayList<>();
        AgentInstaller.install(instrumentation(transformers), InstrumentationModules.ALL);
        assertEquals(InstrumentationModules.ALL.size(), transformers.size());
    }
}

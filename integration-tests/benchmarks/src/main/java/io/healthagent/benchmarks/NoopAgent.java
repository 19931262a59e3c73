package io.healthagent.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * A {@code -javaagent} whose premain does nothing: the floor of what any Java agent costs the host's start
 * (the JVM opens the jar, reads its manifest, loads and calls the premain class). The benchmark writes it
 * out as a jar of its own.
 */
public final class NoopAgent {
    private NoopAgent() {
    }

    public static void premain(String args, Instrumentation inst) {
        // nothing, on purpose
    }

    /** Writes the agent jar into {@code dir} and returns it. */
    static Path writeJar(Path dir) throws IOException {
        return jarOf(NoopAgent.class, dir.resolve("noop-agent.jar"), "Premain-Class");
    }

    /** A jar of {@code type}'s class file alone, named in its manifest under {@code attribute}. */
    static Path jarOf(Class<?> type, Path jar, String attribute) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue(attribute, type.getName());
        String entry = type.getName().replace('.', '/') + ".class";
        try (OutputStream file = Files.newOutputStream(jar);
             JarOutputStream out = new JarOutputStream(file, manifest);
             InputStream classFile = type.getClassLoader().getResourceAsStream(entry)) {
            out.putNextEntry(new JarEntry(entry));
            classFile.transferTo(out);
            out.closeEntry();
        }
        return jar;
    }
}

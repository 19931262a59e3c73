package io.healthagent.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/** The JDKs the agent must run on: the default (17) and Temurin 25 under /usr/lib/jvm. */
final class Jdks {
    private Jdks() {
    }

    static Path jdk25() throws IOException {
        Path jvms = Paths.get("/usr/lib/jvm");
        if (Files.isDirectory(jvms)) {
            try (Stream<Path> dirs = Files.list(jvms)) {
                for (Path p : dirs.sorted().toList()) {
                    if (p.getFileName().toString().startsWith("temurin-25") && Files.isExecutable(p.resolve("bin/java"))) {
                        return p;
                    }
                }
            }
        }
        throw new AssertionError("JDK 25 not found under /usr/lib/jvm (expected temurin-25-jdk-*): the agent must be "
                + "tested on it");
    }

    /** JDK 17 alone: a host of a family that another test class already runs on JDK 25. */
    static Stream<Arguments> jdk17() {
        return Stream.of(Arguments.of("17", HostProcess.currentJavaHome()));
    }

    static Stream<Arguments> both() throws IOException {
        return Stream.of(Arguments.of("17", HostProcess.currentJavaHome()), Arguments.of("25", jdk25()));
    }
}

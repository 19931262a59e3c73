package io.healthagent.launcher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent's classes are read in place from a jar stored inside the agent jar, deflated or not. */
class NestedJarTest {
    @TempDir
    Path dir;

    @Test
    void entriesOfTheStoredJarAreReadInPlace() throws IOException {
        byte[] big = new byte[200_000];
        for (int i = 0; i < big.length; i++) big[i] = (byte) (i % 251);
        ByteArrayOutputStream inner = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(inner)) {
            z.putNextEntry(new ZipEntry("a/B.class"));
            z.write(big);
            z.closeEntry();
            stored(z, "native/lib.so", "stored bytes".getBytes(StandardCharsets.UTF_8));
            // Names of one hash ("Aa" and "BB" hash alike): told apart by the name in their local headers.
            stored(z, "pkg/Aa.class", "Aa".getBytes(StandardCharsets.UTF_8));
            stored(z, "pkg/BB.class", "BB".getBytes(StandardCharsets.UTF_8));
            z.putNextEntry(new ZipEntry("pkg/AaAa.class"));
            z.write("AaAa".getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
            for (int i = 0; i < 3000; i++) {
                z.putNextEntry(new ZipEntry("pkg/C" + i + ".class"));
                z.write(("class " + i).getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
            }
        }
        File outer = dir.resolve("agent.jar").toFile();
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(outer.toPath()))) {
            z.putNextEntry(new ZipEntry("io/healthagent/launcher/Launcher.class"));
            z.write(new byte[] {1, 2, 3});
            z.closeEntry();
            stored(z, "inst.jar", inner.toByteArray());
        }
        try (NestedJar jar = NestedJar.open(outer, "inst.jar")) {
            assertArrayEquals(big, jar.read("a/B.class"), "a deflated entry, inflated");
            assertArrayEquals("stored bytes".getBytes(StandardCharsets.UTF_8), jar.read("native/lib.so"));
            for (int i = 0; i < 3000; i += 499) {
                assertArrayEquals(("class " + i).getBytes(StandardCharsets.UTF_8), jar.read("pkg/C" + i + ".class"));
            }
            assertArrayEquals("Aa".getBytes(StandardCharsets.UTF_8), jar.read("pkg/Aa.class"));
            assertArrayEquals("BB".getBytes(StandardCharsets.UTF_8), jar.read("pkg/BB.class"));
            assertArrayEquals("AaAa".getBytes(StandardCharsets.UTF_8), jar.read("pkg/AaAa.class"));
            assertNull(jar.read("pkg/BBBB.class"), "the hash of an entry, not its name");
            assertNull(jar.read("pkg/AaBB.class"), "the hash of an entry, not its name");
            assertFalse(jar.contains("pkg/BBAa.class"));
            assertTrue(jar.contains("pkg/C2999.class"));
            assertFalse(jar.contains("pkg/C3000.class"));
            assertNull(jar.read("io/healthagent/launcher/Launcher.class"), "the outer jar's own entries are not in it");
        }
    }

    @Test
    void aCompressedNestedJarIsRefusedInOneLine() throws IOException {
        File outer = dir.resolve("bad.jar").toFile();
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(outer.toPath()))) {
            z.putNextEntry(new ZipEntry("inst.jar"));
            z.write(new byte[100]);
            z.closeEntry();
        }
        IOException e = assertThrows(IOException.class, () -> NestedJar.open(outer, "inst.jar"));
        assertTrue(e.getMessage().endsWith("has no stored entry inst.jar"), e.getMessage());
    }

    private static void stored(ZipOutputStream z, String name, byte[] bytes) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setMethod(ZipEntry.STORED);
        e.setSize(bytes.length);
        CRC32 crc = new CRC32();
        crc.update(bytes);
        e.setCrc(crc.getValue());
        z.putNextEntry(e);
        z.write(bytes);
        z.closeEntry();
    }
}

package io.healthagent.launcher;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardOpenOption;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Reads the jar stored (uncompressed) as one entry of the agent jar, in place: its entries' bytes are read
 * at their offsets in the agent jar's own file, nothing is extracted.
 *
 * <p>Why a jar inside the jar: the JVM opens a {@code -javaagent} jar twice before premain runs (its
 * manifest, then as part of the system class path), and each opening reads and indexes the whole central
 * directory. With the agent's 6,000 classes and resources at the top level that cost every host 22 ms of
 * start (measured against a no-op premain in a jar of the same entries); with them inside one entry, the
 * outer jar has about forty, and this index is built on the agent's own thread once the host has started.
 *
 * <p>The index keeps the nested central directory as it is (one byte array) with an open-addressing table
 * of entry positions, as the JDK's own zip reader does: no object per entry.
 */
final class NestedJar implements AutoCloseable {
    private static final int EOCD = 0x06054b50;
    private static final int CEN = 0x02014b50;
    private static final int LOC = 0x04034b50;

    private final FileChannel file;
    /** Where the nested jar starts in the file: its own offsets count from here. */
    private final long base;
    private final byte[] cen;
    /** Positions in {@link #cen} plus one (0: empty slot), by hash of the entry's name. */
    private final int[] table;

    private NestedJar(FileChannel file, long base, byte[] cen, int entries) {
        this.file = file;
        this.base = base;
        this.cen = cen;
        int size = Integer.highestOneBit(Math.max(16, entries * 2) - 1) << 1;
        this.table = new int[size];
        for (int pos = 0, n = 0; n < entries; n++) {
            if (u32(cen, pos) != CEN) {
                throw new IllegalStateException("not a central directory entry at " + pos);
            }
            int nameLength = u16(cen, pos + 28);
            int slot = hash(cen, pos + 46, nameLength) & (size - 1);
            while (table[slot] != 0) {
                slot = (slot + 1) & (size - 1);
            }
            table[slot] = pos + 1;
            pos += 46 + nameLength + u16(cen, pos + 30) + u16(cen, pos + 32);
        }
    }

    /** Opens the jar stored as entry {@code entryName} of {@code outer}. */
    static NestedJar open(File outer, String entryName) throws IOException {
        FileChannel file = FileChannel.open(outer.toPath(), StandardOpenOption.READ);
        try {
            Directory top = Directory.read(file, 0, file.size());
            int pos = top.find(entryName);
            if (pos < 0 || u16(top.cen, pos + 10) != 0) {
                throw new IOException(outer + " has no stored entry " + entryName);
            }
            long start = dataStart(file, 0, u32(top.cen, pos + 42) & 0xffffffffL);
            long length = u32(top.cen, pos + 20) & 0xffffffffL;
            Directory nested = Directory.read(file, start, length);
            return new NestedJar(file, start, nested.cen, nested.entries);
        } catch (IOException | RuntimeException e) {
            file.close();
            throw e;
        }
    }

    /** The bytes of entry {@code name}, or null when there is none. */
    byte[] read(String name) throws IOException {
        int pos = find(name);
        if (pos < 0) {
            return null;
        }
        int method = u16(cen, pos + 10);
        int compressed = u32(cen, pos + 20);
        int size = u32(cen, pos + 24);
        ByteBuffer data = ByteBuffer.allocate(compressed);
        long at = dataStart(file, base, u32(cen, pos + 42) & 0xffffffffL);
        readFully(file, data, at);
        if (method == 0) {
            return data.array();
        }
        if (method != 8) {
            throw new IOException(name + ": compression method " + method + " is not supported");
        }
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(data.array());
            byte[] out = new byte[size];
            int n = 0;
            while (n < size) {
                int got = inflater.inflate(out, n, size - n);
                if (got == 0 && (inflater.finished() || inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                n += got;
            }
            if (n != size) {
                throw new IOException(name + ": " + n + " of " + size + " bytes inflated");
            }
            return out;
        } catch (DataFormatException e) {
            throw new IOException(name + ": " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }

    boolean contains(String name) {
        return find(name) >= 0;
    }

    private int find(String name) {
        return find(cen, table, name.getBytes(StandardCharsets.UTF_8));
    }

    private static int find(byte[] cen, int[] table, byte[] name) {
        int mask = table.length - 1;
        for (int slot = hash(name, 0, name.length) & mask; table[slot] != 0; slot = (slot + 1) & mask) {
            int pos = table[slot] - 1;
            if (u16(cen, pos + 28) == name.length && regionEquals(cen, pos + 46, name)) {
                return pos;
            }
        }
        return -1;
    }

    @Override
    public void close() throws IOException {
        file.close();
    }

    /** A zip's central directory, read from the region [start, start + length) of the file. */
    private static final class Directory {
        final byte[] cen;
        final int entries;

        private Directory(byte[] cen, int entries) {
            this.cen = cen;
            this.entries = entries;
        }

        static Directory read(FileChannel file, long start, long length) throws IOException {
            int tail = (int) Math.min(length, 22 + 65_535);
            ByteBuffer end = ByteBuffer.allocate(tail);
            readFully(file, end, start + length - tail);
            byte[] e = end.array();
            for (int i = tail - 22; i >= 0; i--) {
                if (u32(e, i) == EOCD) {
                    int entries = u16(e, i + 10);
                    int size = u32(e, i + 12);
                    long offset = u32(e, i + 16) & 0xffffffffL;
                    if (entries == 0xffff || size == -1 || offset == 0xffffffffL) {
                        throw new IOException("zip64 archives are not supported");
                    }
                    ByteBuffer cen = ByteBuffer.allocate(size);
                    readFully(file, cen, start + offset);
                    return new Directory(cen.array(), entries);
                }
            }
            throw new IOException("no end of central directory");
        }

        int find(String name) {
            byte[] wanted = name.getBytes(StandardCharsets.UTF_8);
            for (int pos = 0, n = 0; n < entries; n++) {
                int nameLength = u16(cen, pos + 28);
                if (nameLength == wanted.length && regionEquals(cen, pos + 46, wanted)) {
                    return pos;
                }
                pos += 46 + nameLength + u16(cen, pos + 30) + u16(cen, pos + 32);
            }
            return -1;
        }
    }

    /** Where an entry's data begins, after its local header (whose name and extra lengths can differ from the CEN's). */
    private static long dataStart(FileChannel file, long base, long localHeader) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(30);
        readFully(file, header, base + localHeader);
        byte[] h = header.array();
        if (u32(h, 0) != LOC) {
            throw new IOException("no local header at " + (base + localHeader));
        }
        return base + localHeader + 30 + u16(h, 26) + u16(h, 28);
    }

    private static void readFully(FileChannel file, ByteBuffer into, long at) throws IOException {
        while (into.hasRemaining()) {
            int n = file.read(into, at + into.position());
            if (n < 0) {
                throw new IOException("unexpected end of the agent jar");
            }
        }
    }

    private static int hash(byte[] b, int from, int length) {
        int h = 0;
        for (int i = from; i < from + length; i++) {
            h = 31 * h + b[i];
        }
        return h ^ (h >>> 16);
    }

    private static boolean regionEquals(byte[] cen, int at, byte[] name) {
        for (int i = 0; i < name.length; i++) {
            if (cen[at + i] != name[i]) {
                return false;
            }
        }
        return true;
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8;
    }

    private static int u32(byte[] b, int at) {
        return u16(b, at) | u16(b, at + 2) << 16;
    }
}

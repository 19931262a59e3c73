package io.healthagent.launcher;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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
 * <p>The index keeps four ints per entry, sorted by the hash of the entry's name: the hash, where its
 * local header is, its compressed and its inflated size. Names are not kept (they were 650 KB of the
 * host's heap, as the central directory's bytes): a look-up compares the name in the entry's local header,
 * which it reads anyway, in the same read as the header. A name of another hash costs no read at all.
 */
final class NestedJar implements AutoCloseable {
    private static final int EOCD = 0x06054b50;
    private static final int CEN = 0x02014b50;
    private static final int LOC = 0x04034b50;
    /** A local header: 30 bytes, then the name, then the extra field. */
    private static final int LOC_SIZE = 30;

    /**
     * Read with {@link RandomAccessFile} under its lock, not a {@code FileChannel}: a channel read into a heap
     * buffer goes through a direct buffer that each reading thread keeps afterwards, as large as its
     * largest read (the central directory: 650 KB of native memory for good).
     */
    private final RandomAccessFile file;
    /** Where the nested jar starts in the file: its own offsets count from here. */
    private final long base;
    /** By ascending hash: the hash of each entry's name, and at the same index its other figures. */
    private final int[] hashes;
    private final int[] localHeaders;
    private final int[] compressedSizes;
    private final int[] sizes;

    private NestedJar(RandomAccessFile file, long base, byte[] cen, int entries) {
        this.file = file;
        this.base = base;
        long[] byHash = new long[entries]; // hash in the high half, position in the directory in the low half
        for (int pos = 0, n = 0; n < entries; n++) {
            if (u32(cen, pos) != CEN) {
                throw new IllegalStateException("not a central directory entry at " + pos);
            }
            int nameLength = u16(cen, pos + 28);
            byHash[n] = (long) hash(cen, pos + 46, nameLength) << 32 | pos;
            pos += 46 + nameLength + u16(cen, pos + 30) + u16(cen, pos + 32);
        }
        Arrays.sort(byHash);
        hashes = new int[entries];
        localHeaders = new int[entries];
        compressedSizes = new int[entries];
        sizes = new int[entries];
        for (int i = 0; i < entries; i++) {
            int pos = (int) byHash[i];
            hashes[i] = (int) (byHash[i] >> 32);
            compressedSizes[i] = u32(cen, pos + 20);
            sizes[i] = u32(cen, pos + 24);
            localHeaders[i] = u32(cen, pos + 42);
            if (localHeaders[i] < 0 || compressedSizes[i] < 0 || sizes[i] < 0) {
                throw new IllegalStateException("entry at " + pos + " is beyond 2 GB");
            }
        }
    }

    /** Opens the jar stored as entry {@code entryName} of {@code outer}. */
    static NestedJar open(File outer, String entryName) throws IOException {
        RandomAccessFile file = new RandomAccessFile(outer, "r");
        try {
            Directory top = Directory.read(file, 0, file.length());
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
        byte[] wanted = name.getBytes(StandardCharsets.UTF_8);
        byte[] loc = new byte[LOC_SIZE + wanted.length];
        int i = find(wanted, loc);
        if (i < 0) {
            return null;
        }
        long at = base + (localHeaders[i] & 0xffffffffL) + LOC_SIZE + wanted.length + u16(loc, 28);
        return data(name, u16(loc, 8), at, compressedSizes[i], sizes[i]);
    }

    /**
     * The index of entry {@code wanted}, its local header (and name) read into {@code loc}; -1 when there is
     * none. Entries of another hash cost no read.
     */
    private int find(byte[] wanted, byte[] loc) throws IOException {
        int h = hash(wanted, 0, wanted.length);
        for (int i = first(h); i < hashes.length && hashes[i] == h; i++) {
            long at = base + (localHeaders[i] & 0xffffffffL);
            readFully(file, loc, at);
            if (u32(loc, 0) != LOC) {
                throw new IOException("no local header at " + at);
            }
            if (u16(loc, 26) == wanted.length && regionEquals(loc, LOC_SIZE, wanted)) {
                return i;
            }
        }
        return -1;
    }

    private byte[] data(String name, int method, long at, int compressed, int size) throws IOException {
        byte[] data = new byte[compressed];
        readFully(file, data, at);
        if (method == 0) {
            return data;
        }
        if (method != 8) {
            throw new IOException(name + ": compression method " + method + " is not supported");
        }
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(data);
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

    /** Whether there is an entry {@code name}: a hash look-up, then the name in its local header. */
    boolean contains(String name) {
        byte[] wanted = name.getBytes(StandardCharsets.UTF_8);
        try {
            return find(wanted, new byte[LOC_SIZE + wanted.length]) >= 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** The first index of hash {@code h}, or an index whose hash is not {@code h} when there is none. */
    private int first(int h) {
        int i = Arrays.binarySearch(hashes, h);
        if (i < 0) {
            return hashes.length;
        }
        while (i > 0 && hashes[i - 1] == h) {
            i--;
        }
        return i;
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

        static Directory read(RandomAccessFile file, long start, long length) throws IOException {
            int tail = (int) Math.min(length, 22 + 65_535);
            byte[] e = new byte[tail];
            readFully(file, e, start + length - tail);
            for (int i = tail - 22; i >= 0; i--) {
                if (u32(e, i) == EOCD) {
                    int entries = u16(e, i + 10);
                    int size = u32(e, i + 12);
                    long offset = u32(e, i + 16) & 0xffffffffL;
                    if (entries == 0xffff || size == -1 || offset == 0xffffffffL) {
                        throw new IOException("zip64 archives are not supported");
                    }
                    byte[] cen = new byte[size];
                    readFully(file, cen, start + offset);
                    return new Directory(cen, entries);
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
    private static long dataStart(RandomAccessFile file, long base, long localHeader) throws IOException {
        byte[] h = new byte[LOC_SIZE];
        readFully(file, h, base + localHeader);
        if (u32(h, 0) != LOC) {
            throw new IOException("no local header at " + (base + localHeader));
        }
        return base + localHeader + 30 + u16(h, 26) + u16(h, 28);
    }

    private static void readFully(RandomAccessFile file, byte[] into, long at) throws IOException {
        synchronized (file) {
            file.seek(at);
            file.readFully(into);
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

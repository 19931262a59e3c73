package io.healthagent.checks;

import io.healthagent.AgentLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** cache.dir: exists and is writable (a probe file is written and removed), and its size against cache.max_size. */
public final class CacheCheck implements Check {
    /** Warn from this share of the maximum on. */
    static final double NEAR_FULL = 0.9;

    private final Path dir;
    private final long maxBytes;

    public CacheCheck(Path dir, long maxBytes) {
        this.dir = dir;
        this.maxBytes = maxBytes;
    }

    @Override
    public String name() {
        return "cache";
    }

    @Override
    public CheckOutcome run() {
        if (!Files.exists(dir)) return CheckOutcome.fail(name(), "cache directory " + dir + " does not exist");
        if (!Files.isDirectory(dir)) return CheckOutcome.fail(name(), "cache path " + dir + " is not a directory");
        try {
            Path probe = Files.createTempFile(dir, ".health-agent-probe-", ".tmp");
            try {
                Files.write(probe, new byte[] {1});
            } finally {
                Files.deleteIfExists(probe);
            }
        } catch (IOException e) {
            return CheckOutcome.fail(name(), "cache directory " + dir + " is not writable: " + AgentLog.describe(e));
        }
        long size;
        try (Stream<Path> walk = Files.walk(dir)) {
            size = walk.filter(Files::isRegularFile).mapToLong(CacheCheck::sizeOf).sum();
        } catch (IOException | java.io.UncheckedIOException e) {
            return CheckOutcome.fail(name(), "cache directory " + dir + " cannot be read: " + AgentLog.describe(e));
        }
        double share = (double) size / maxBytes;
        String message = String.format(java.util.Locale.ROOT, "cache %s holds %.1f MB of %.1f MB allowed (%.0f%%)",
                dir, size / 1048576.0, maxBytes / 1048576.0, 100 * share);
        return share >= NEAR_FULL ? CheckOutcome.warn(name(), message + ": nearly full") : CheckOutcome.pass(name(), message);
    }

    private static long sizeOf(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0; // removed while walking: a cache does that
        }
    }
}

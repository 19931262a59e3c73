package io.healthagent.checks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

/**
 * The process's own cgroup, found as the JDK's container support finds it: the controller's path in
 * {@code /proc/self/cgroup}, joined to where that hierarchy is mounted ({@code /proc/self/mountinfo}),
 * cgroup v1 ({@code memory} controller) and v2 (the unified hierarchy) alike. Today: the memory limit,
 * usage as the kubelet counts it for eviction (working set: usage less inactive file pages), and OOM kills.
 *
 * <p>{@code -Dhealthagent.fsroot=DIR} (tests only) reads {@code DIR/proc/self/...} and the mount points
 * under {@code DIR} instead of the real ones, so that a v2 layout can be tested on a v1 machine.
 */
final class Cgroups {
    static final String FS_ROOT_PROPERTY = "healthagent.fsroot";
    /** v1 writes "no limit" as a page-aligned Long.MAX_VALUE; anything this large is no limit. */
    private static final long UNLIMITED = 1L << 62;

    /** One reading of the memory controller. */
    static final class Memory {
        final long limitBytes;
        final long usageBytes;
        final long workingSetBytes;
        final long oomKills;
        final boolean v2;

        Memory(long limitBytes, long usageBytes, long workingSetBytes, long oomKills, boolean v2) {
            this.limitBytes = limitBytes;
            this.usageBytes = usageBytes;
            this.workingSetBytes = workingSetBytes;
            this.oomKills = oomKills;
            this.v2 = v2;
        }
    }

    private final Path memoryDir;
    private final boolean v2;

    private Cgroups(Path memoryDir, boolean v2) {
        this.memoryDir = memoryDir;
        this.v2 = v2;
    }

    /** The process's memory cgroup, or null outside one (or when it cannot be read). */
    static Cgroups detect() {
        String override = System.getProperty(FS_ROOT_PROPERTY);
        return detect(Paths.get(override != null ? override : "/"));
    }

    static Cgroups detect(Path root) {
        try {
            List<String> cgroups = Files.readAllLines(root.resolve("proc/self/cgroup"), StandardCharsets.UTF_8);
            List<String> mounts = Files.readAllLines(root.resolve("proc/self/mountinfo"), StandardCharsets.UTF_8);
            String v1Path = null;
            String v2Path = null;
            for (String line : cgroups) { // "4:memory:/docker/abc" (v1) or "0::/kubepods/pod1" (v2)
                String[] f = line.split(":", 3);
                if (f.length < 3) continue;
                if (f[0].equals("0") && f[1].isEmpty()) v2Path = f[2];
                for (String controller : f[1].split(",")) {
                    if (controller.equals("memory")) v1Path = f[2];
                }
            }
            for (String line : mounts) {
                // id parent major:minor root mountpoint options [optional...] - fstype source superoptions
                int dash = line.indexOf(" - ");
                if (dash < 0) continue;
                String[] before = line.substring(0, dash).split(" ");
                String[] after = line.substring(dash + 3).split(" ");
                if (before.length < 5 || after.length < 3) continue;
                String mountRoot = before[3];
                Path mountPoint = root.resolve(before[4].substring(1));
                if (after[0].equals("cgroup") && v1Path != null && hasOption(after[2], "memory")) {
                    return new Cgroups(join(mountPoint, mountRoot, v1Path), false);
                }
                if (after[0].equals("cgroup2") && v2Path != null && v1Path == null) {
                    Path dir = join(mountPoint, mountRoot, v2Path);
                    if (Files.exists(dir.resolve("memory.max"))) return new Cgroups(dir, true);
                }
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return null;
    }

    private static boolean hasOption(String options, String name) {
        for (String o : options.split(",")) {
            if (o.equals(name)) return true;
        }
        return false;
    }

    /** As the JDK does: the mount's root is a prefix of the process's path inside a container. */
    private static Path join(Path mountPoint, String mountRoot, String path) {
        String relative;
        if (mountRoot.equals("/")) {
            relative = path;
        } else if (path.startsWith(mountRoot)) {
            relative = path.substring(mountRoot.length());
        } else {
            relative = "";
        }
        relative = relative.startsWith("/") ? relative.substring(1) : relative;
        return relative.isEmpty() ? mountPoint : mountPoint.resolve(relative);
    }

    /** The memory controller now; a limit of -1 means none is set. */
    Memory memory() throws IOException {
        if (v2) {
            String max = read("memory.max");
            long limit = max.equals("max") ? -1 : Long.parseLong(max);
            long usage = Long.parseLong(read("memory.current"));
            long inactive = stat("memory.stat", "inactive_file");
            return new Memory(limit, usage, Math.max(0, usage - inactive), stat("memory.events", "oom_kill"), true);
        }
        long limit = Long.parseLong(read("memory.limit_in_bytes"));
        long usage = Long.parseLong(read("memory.usage_in_bytes"));
        long inactive = stat("memory.stat", "total_inactive_file");
        long oom = Files.exists(memoryDir.resolve("memory.oom_control")) ? stat("memory.oom_control", "oom_kill") : 0;
        return new Memory(limit >= UNLIMITED ? -1 : limit, usage, Math.max(0, usage - inactive), oom, false);
    }

    Path memoryDir() {
        return memoryDir;
    }

    private String read(String file) throws IOException {
        return new String(Files.readAllBytes(memoryDir.resolve(file)), StandardCharsets.US_ASCII).trim();
    }

    /** A "key value" line of a stat file; 0 when the key is missing (older kernels). */
    private long stat(String file, String key) throws IOException {
        for (String line : Files.readAllLines(memoryDir.resolve(file), StandardCharsets.US_ASCII)) {
            if (line.startsWith(key + " ")) return Long.parseLong(line.substring(key.length() + 1).trim());
        }
        return 0;
    }
}

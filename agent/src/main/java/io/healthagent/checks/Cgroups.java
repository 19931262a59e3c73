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
 * usage as the kubelet counts it for eviction (working set: usage less inactive file pages), OOM kills; the CPU
 * quota, the CPU time used and the periods throttled.
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

    /** One reading of the cpu controller: the quota, the CPU time used, the throttled periods. */
    static final class Cpu {
        /** Cores the quota allows (quota / period), or -1 when none is set. */
        final double quotaCores;
        /** The scheduling period the quota is enforced over. */
        final long periodNanos;
        final long usageNanos;
        /** When usage was read ({@link System#nanoTime}, the middle of the read: a throttled reader is not late). */
        final long atNanos;
        final long periods;
        final long throttledPeriods;

        Cpu(double quotaCores, long periodNanos, long usageNanos, long atNanos, long periods, long throttledPeriods) {
            this.quotaCores = quotaCores;
            this.periodNanos = periodNanos;
            this.usageNanos = usageNanos;
            this.atNanos = atNanos;
            this.periods = periods;
            this.throttledPeriods = throttledPeriods;
        }
    }

    private final Path memoryDir;
    private final Path cpuDir;
    private final Path cpuacctDir;
    private final Path pidsDir;
    private final boolean v2;

    private Cgroups(Path memoryDir, Path cpuDir, Path cpuacctDir, Path pidsDir, boolean v2) {
        this.memoryDir = memoryDir;
        this.cpuDir = cpuDir;
        this.cpuacctDir = cpuacctDir;
        this.pidsDir = pidsDir;
        this.v2 = v2;
    }

    /** The process's cgroups, or null outside any (or when they cannot be read). */
    static Cgroups detect() {
        String override = System.getProperty(FS_ROOT_PROPERTY);
        return detect(Paths.get(override != null ? override : "/"));
    }

    static Cgroups detect(Path root) {
        try {
            List<String> cgroups = Files.readAllLines(root.resolve("proc/self/cgroup"), StandardCharsets.UTF_8);
            List<String> mounts = Files.readAllLines(root.resolve("proc/self/mountinfo"), StandardCharsets.UTF_8);
            java.util.Map<String, String> v1Paths = new java.util.HashMap<>();
            String v2Path = null;
            for (String line : cgroups) { // "4:memory:/docker/abc" (v1) or "0::/kubepods/pod1" (v2)
                String[] f = line.split(":", 3);
                if (f.length < 3) continue;
                if (f[0].equals("0") && f[1].isEmpty()) v2Path = f[2];
                for (String controller : f[1].split(",")) {
                    if (!controller.isEmpty()) v1Paths.put(controller, f[2]);
                }
            }
            Path memory = null;
            Path cpu = null;
            Path cpuacct = null;
            Path pids = null;
            Path unified = null;
            for (String line : mounts) {
                // id parent major:minor root mountpoint options [optional...] - fstype source superoptions
                int dash = line.indexOf(" - ");
                if (dash < 0) continue;
                String[] before = line.substring(0, dash).split(" ");
                String[] after = line.substring(dash + 3).split(" ");
                if (before.length < 5 || after.length < 3) continue;
                String mountRoot = before[3];
                Path mountPoint = root.resolve(before[4].substring(1));
                if (after[0].equals("cgroup")) {
                    if (memory == null && v1Paths.containsKey("memory") && hasOption(after[2], "memory")) {
                        memory = join(mountPoint, mountRoot, v1Paths.get("memory"));
                    }
                    if (cpu == null && v1Paths.containsKey("cpu") && hasOption(after[2], "cpu")) {
                        cpu = join(mountPoint, mountRoot, v1Paths.get("cpu"));
                    }
                    if (cpuacct == null && v1Paths.containsKey("cpuacct") && hasOption(after[2], "cpuacct")) {
                        cpuacct = join(mountPoint, mountRoot, v1Paths.get("cpuacct"));
                    }
                    if (pids == null && v1Paths.containsKey("pids") && hasOption(after[2], "pids")) {
                        pids = join(mountPoint, mountRoot, v1Paths.get("pids"));
                    }
                } else if (after[0].equals("cgroup2") && v2Path != null && unified == null) {
                    unified = join(mountPoint, mountRoot, v2Path);
                }
            }
            if (memory != null || cpu != null || pids != null) {
                return new Cgroups(memory, cpu, cpuacct, pids, false);
            }
            if (unified != null && (Files.exists(unified.resolve("memory.max")) || Files.exists(unified.resolve("cpu.max"))
                    || Files.exists(unified.resolve("pids.max")))) {
                return new Cgroups(unified, unified, unified, unified, true);
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

    /** {current, max} of the pids controller, or null without a pid limit. */
    long[] pids() throws IOException {
        if (pidsDir == null || !Files.exists(pidsDir.resolve("pids.max"))) {
            return null;
        }
        String max = read(pidsDir, "pids.max");
        if (max.equals("max")) {
            return null;
        }
        return new long[] {Long.parseLong(read(pidsDir, "pids.current")), Long.parseLong(max)};
    }

    /** The cpu controller now, or null without one. */
    Cpu cpu() throws IOException {
        if (cpuDir == null) {
            return null;
        }
        if (v2) {
            if (!Files.exists(cpuDir.resolve("cpu.max"))) return null;
            String[] max = read(cpuDir, "cpu.max").split("\\s+");
            double quota = max[0].equals("max") ? -1 : Double.parseDouble(max[0]) / Double.parseDouble(max[1]);
            long before = System.nanoTime();
            List<String> stat = Files.readAllLines(cpuDir.resolve("cpu.stat"), StandardCharsets.US_ASCII);
            long at = before + (System.nanoTime() - before) / 2;
            return new Cpu(quota, (long) (Double.parseDouble(max[1]) * 1000), value(stat, "usage_usec") * 1000, at,
                    value(stat, "nr_periods"), value(stat, "nr_throttled"));
        }
        long quota = Long.parseLong(read(cpuDir, "cpu.cfs_quota_us"));
        long period = Long.parseLong(read(cpuDir, "cpu.cfs_period_us"));
        List<String> stat = Files.readAllLines(cpuDir.resolve("cpu.stat"), StandardCharsets.US_ASCII);
        long before = System.nanoTime();
        long usage = cpuacctDir != null && Files.exists(cpuacctDir.resolve("cpuacct.usage"))
                ? Long.parseLong(read(cpuacctDir, "cpuacct.usage")) : 0;
        long at = before + (System.nanoTime() - before) / 2;
        return new Cpu(quota <= 0 || period <= 0 ? -1 : (double) quota / period, period * 1000, usage, at,
                value(stat, "nr_periods"), value(stat, "nr_throttled"));
    }

    /** The memory controller now; a limit of -1 means none is set. */
    Memory memory() throws IOException {
        if (memoryDir == null || (v2 && !Files.exists(memoryDir.resolve("memory.max")))) {
            return null;
        }
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

    Path cpuDir() {
        return cpuDir;
    }

    private String read(String file) throws IOException {
        return read(memoryDir, file);
    }

    private static String read(Path dir, String file) throws IOException {
        return new String(Files.readAllBytes(dir.resolve(file)), StandardCharsets.US_ASCII).trim();
    }

    private long stat(String file, String key) throws IOException {
        return stat(memoryDir, file, key);
    }

    /** A "key value" line of a stat file; 0 when the key is missing (older kernels). */
    private static long stat(Path dir, String file, String key) throws IOException {
        return value(Files.readAllLines(dir.resolve(file), StandardCharsets.US_ASCII), key);
    }

    private static long value(List<String> lines, String key) {
        for (String line : lines) {
            if (line.startsWith(key + " ")) return Long.parseLong(line.substring(key.length() + 1).trim());
        }
        return 0;
    }
}

package io.healthagent.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Finding and reading the memory cgroup, v1 and v2, from directories laid out as those systems show them. */
class CgroupsTest {
    static Path write(Path root, String file, String text) throws Exception {
        Path p = root.resolve(file);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    /** A v2 system as Kubernetes shows it inside a pod: the namespace's root is the pod's cgroup. */
    static Path v2(long max, long current, long inactive, long oomKills) throws Exception {
        Path root = Files.createTempDirectory("cgroup-v2-");
        write(root, "proc/self/cgroup", "0::/\n");
        write(root, "proc/self/mountinfo", "30 23 0:26 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:4 "
                + "- cgroup2 cgroup2 rw,nsdelegate,memory_recursiveprot\n");
        write(root, "sys/fs/cgroup/memory.max", max < 0 ? "max\n" : max + "\n");
        write(root, "sys/fs/cgroup/memory.current", current + "\n");
        write(root, "sys/fs/cgroup/memory.stat", "anon 1000\nfile 2000\ninactive_file " + inactive + "\nactive_file 5\n");
        write(root, "sys/fs/cgroup/memory.events", "low 0\nhigh 0\nmax 3\noom 2\noom_kill " + oomKills + "\n");
        write(root, "sys/fs/cgroup/cpu.max", "150000 100000\n");
        write(root, "sys/fs/cgroup/cpu.stat", "usage_usec 5000000\nuser_usec 4000000\nsystem_usec 1000000\n"
                + "nr_periods 100\nnr_throttled 25\nthrottled_usec 900000\n");
        return root;
    }

    @Test
    void v2() throws Exception {
        Cgroups c = Cgroups.detect(v2(512L << 20, 100L << 20, 20L << 20, 2));
        Cgroups.Memory m = c.memory();
        assertTrue(m.v2);
        assertEquals(512L << 20, m.limitBytes);
        assertEquals(80L << 20, m.workingSetBytes, "usage less inactive file pages");
        assertEquals(2, m.oomKills);
        assertEquals(-1, Cgroups.detect(v2(-1, 100, 0, 0)).memory().limitBytes, "max: no limit");
        Cgroups.Cpu cpu = c.cpu();
        assertEquals(1.5, cpu.quotaCores, 0.0);
        assertEquals(5_000_000_000L, cpu.usageNanos);
        assertEquals(100, cpu.periods);
        assertEquals(25, cpu.throttledPeriods);
    }

    @Test
    void v1InsideADockerContainer() throws Exception {
        Path root = Files.createTempDirectory("cgroup-v1-");
        write(root, "proc/self/cgroup", "12:pids:/docker/abc\n4:memory:/docker/abc\n3:cpu,cpuacct:/docker/abc\n"
                + "1:name=systemd:/docker/abc\n");
        // Docker mounts the container's own cgroup at the mount point: root /docker/abc.
        write(root, "proc/self/mountinfo", "35 31 0:32 /docker/abc /sys/fs/cgroup/memory ro,nosuid - cgroup cgroup "
                + "rw,memory\n32 31 0:29 /docker/abc /sys/fs/cgroup/cpu,cpuacct ro - cgroup cgroup rw,cpu,cpuacct\n");
        write(root, "sys/fs/cgroup/memory/memory.limit_in_bytes", (256L << 20) + "\n");
        write(root, "sys/fs/cgroup/memory/memory.usage_in_bytes", (200L << 20) + "\n");
        write(root, "sys/fs/cgroup/memory/memory.stat", "cache 10\ntotal_inactive_file " + (50L << 20) + "\n");
        write(root, "sys/fs/cgroup/memory/memory.oom_control", "oom_kill_disable 0\nunder_oom 0\noom_kill 1\n");
        write(root, "sys/fs/cgroup/cpu,cpuacct/cpu.cfs_quota_us", "50000\n");
        write(root, "sys/fs/cgroup/cpu,cpuacct/cpu.cfs_period_us", "100000\n");
        write(root, "sys/fs/cgroup/cpu,cpuacct/cpu.stat", "nr_periods 10\nnr_throttled 4\nthrottled_time 5\n");
        write(root, "sys/fs/cgroup/cpu,cpuacct/cpuacct.usage", "123456789\n");
        Cgroups.Memory m = Cgroups.detect(root).memory();
        assertEquals(0.5, Cgroups.detect(root).cpu().quotaCores, 0.0);
        assertEquals(4, Cgroups.detect(root).cpu().throttledPeriods);
        assertEquals(123456789L, Cgroups.detect(root).cpu().usageNanos, "cpuacct co-mounted with cpu");
        assertEquals(256L << 20, m.limitBytes);
        assertEquals(150L << 20, m.workingSetBytes);
        assertEquals(1, m.oomKills);
    }

    @Test
    void noCgroupFilesMeansNoCgroup() throws Exception {
        assertNull(Cgroups.detect(Files.createTempDirectory("no-cgroup-")));
    }
}

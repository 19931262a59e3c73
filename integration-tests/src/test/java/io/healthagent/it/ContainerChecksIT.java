package io.healthagent.it;

import static io.healthagent.it.Reports.awaitReport;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The memory check inside a container: a host JVM in a real cgroup v1 memory hierarchy limited to 512 MB
 * (the test creates it, as root, and removes it), and a cgroup v2 layout read through the test-only
 * override of where the checks look.
 */
class ContainerChecksIT {
    private static final String QUIET = "host=127.0.0.1,check.interval=1s,threshold.cpu.critical=100,"
            + "threshold.cpu.emergency=100,threshold.cpu.warning=100";
    /** Allocates MB megabytes off the heap, touching every page, and holds them. */
    private static final String ALLOCATOR = "import java.nio.ByteBuffer; import java.util.ArrayList; "
            + "public class Allocator { static final ArrayList<ByteBuffer> held = new ArrayList<>(); " // reachable to the end
            + "public static void main(String[] a) throws Exception { for (int i = 0; i < Integer.parseInt(System.getenv(\"MB\")); i++) {"
            + " ByteBuffer b = ByteBuffer.allocateDirect(1 << 20); for (int p = 0; p < b.capacity(); p += 4096) b.put(p, (byte) 1);"
            + " held.add(b); } System.out.println(\"allocated \" + held.size() + \" MB\"); Thread.sleep(Long.MAX_VALUE); } }";

    @Test
    void aHostInA512MbMemoryCgroupReportsUsageAgainstItsLimit() throws Exception {
        Path cgroup = Paths.get("/sys/fs/cgroup/memory/health-agent-it-" + ProcessHandle.current().pid());
        Files.createDirectories(cgroup);
        try {
            Files.writeString(cgroup.resolve("memory.limit_in_bytes"), String.valueOf(512L << 20));
            int agentPort = HostProcess.freePort();
            String agent = "http://127.0.0.1:" + agentPort;
            // The shell joins the cgroup, then becomes the JVM: the host runs inside it from its first instruction.
            List<String> join = List.of("env", "MB=300", "sh", "-c",
                    "echo $$ > " + cgroup.resolve("cgroup.procs") + " && exec \"$@\"", "sh");
            // Warning lowered to 60%, so that the test stays well clear of the limit (no OOM kill on a slow day).
            try (HostProcess host = HostProcess.fromSource("cgroup-memory", QUIET + ",port=" + agentPort
                    + ",threshold.memory.warning=60", false,
                    "Allocator", ALLOCATOR, List.of("-XX:MaxDirectMemorySize=400m"), HostProcess.currentJavaHome(), join)) {
                host.awaitOutput("allocated 300 MB", Duration.ofSeconds(60));
                JsonNode r = awaitReport(agent, x -> x.get("checks").get("memory").get("message").asText()
                        .contains("of the container's 512 MB limit") && x.get("performance").get("memory_usage_mb").asLong() > 300,
                        Duration.ofSeconds(30));
                // The JVM's own memory still moves after start-up: compare a snapshot with the cgroup's files read
                // just before and just after it, until the three agree (or a deadline).
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                double before;
                double after;
                double reported;
                JsonNode memory;
                do {
                    before = workingSetPercent(cgroup);
                    long seq = r.get("agent").get("snapshot_sequence").asLong();
                    r = awaitReport(agent, x -> x.get("agent").get("snapshot_sequence").asLong() > seq, Duration.ofSeconds(10));
                    after = workingSetPercent(cgroup);
                    reported = r.get("performance").get("memory_usage_percent").asDouble();
                    memory = r.get("checks").get("memory");
                } while (!(Math.abs(reported - (before + after) / 2) <= 2 + Math.abs(after - before))
                        && System.nanoTime() < deadline);
                System.out.printf("cgroup: memory.limit_in_bytes %d, working set (usage_in_bytes - total_inactive_file) "
                        + "%.1f%% then %.1f%%; the agent between them: %s, memory_usage_mb %d, memory_usage_percent %.1f%n",
                        512L << 20, before, after, memory.get("message").asText(),
                        r.get("performance").get("memory_usage_mb").asLong(), reported);
                assertEquals((before + after) / 2, reported, 2 + Math.abs(after - before),
                        "the working set against the limit, as the cgroup's own files say");
                assertTrue(reported > 60, "300 MB off-heap and a JVM in 512 MB is past the Warning threshold: " + reported);
                assertEquals("warn", memory.get("status").asText(), memory.toString());
            }
        } finally {
            Files.deleteIfExists(cgroup); // rmdir of a cgroup whose processes have all exited
        }
    }

    /** Two threads that never rest. */
    private static final String SPINNER = "public class Spinner { static volatile long sink; "
            + "public static void main(String[] a) throws Exception { for (int t = 0; t < 2; t++) new Thread(() -> { "
            + "long x = 0; while (true) { x++; if ((x & 0xffffff) == 0) sink = x; } }).start(); "
            + "System.out.println(\"spinning\"); Thread.sleep(Long.MAX_VALUE); } }";

    @Test
    void aHostUnderAHalfCoreQuotaReportsUsageAgainstItAndItsThrottling() throws Exception {
        String name = "health-agent-it-" + ProcessHandle.current().pid();
        Path cpu = Paths.get("/sys/fs/cgroup/cpu/" + name);
        Path cpuacct = Paths.get("/sys/fs/cgroup/cpuacct/" + name);
        Files.createDirectories(cpu);
        Files.createDirectories(cpuacct);
        try {
            Files.writeString(cpu.resolve("cpu.cfs_period_us"), "100000");
            Files.writeString(cpu.resolve("cpu.cfs_quota_us"), "50000"); // half a core
            int agentPort = HostProcess.freePort();
            String agent = "http://127.0.0.1:" + agentPort;
            List<String> join = List.of("sh", "-c", "echo $$ > " + cpu.resolve("cgroup.procs") + " && echo $$ > "
                    + cpuacct.resolve("cgroup.procs") + " && exec \"$@\"", "sh");
            try (HostProcess host = HostProcess.fromSource("cgroup-cpu", "host=127.0.0.1,check.interval=1s,port=" + agentPort,
                    false, "Spinner", SPINNER, List.of(), HostProcess.currentJavaHome(), join)) {
                host.awaitOutput("spinning", Duration.ofSeconds(90));
                // A window of ten periods or more: the first run's 250 ms can read a period's burst as 140%.
                JsonNode r = awaitReport(agent, x -> x.get("checks").get("cpu").get("message").asText()
                        .matches(".*of the container's 0\\.5 cores over ([1-9]|\\d\\d)\\.\\d s.*")
                        && x.get("performance").get("cpu_usage_percent").asDouble() > 70, Duration.ofSeconds(60));
                JsonNode c = r.get("checks").get("cpu");
                System.out.println("cgroup: cpu.cfs_quota_us 50000, cpu.cfs_period_us 100000, cpu.stat "
                        + Files.readString(cpu.resolve("cpu.stat")).replace('\n', ' ') + "; the agent: " + c.get("message").asText());
                double percent = r.get("performance").get("cpu_usage_percent").asDouble();
                assertTrue(percent > 70 && percent < 130, "two spinning threads use all of half a core: " + percent);
                String throttled = c.get("message").asText().replaceAll(".*throttled in (\\d+)% of periods.*", "$1");
                assertTrue(Integer.parseInt(throttled) > 20, "a host that wants two cores is throttled: " + c);
                // Above the Critical 85% of its quota it fails; below, the throttling alone makes it warn.
                assertEquals(percent > 85 ? "fail" : "warn", c.get("status").asText(), c.toString());
                Http.assertNoAgentErrors(agent);
            }
        } finally {
            Files.deleteIfExists(cpu);
            Files.deleteIfExists(cpuacct);
        }
    }

    private static double workingSetPercent(Path cgroup) throws Exception {
        long usage = Long.parseLong(Files.readString(cgroup.resolve("memory.usage_in_bytes")).trim());
        long inactive = 0;
        for (String line : Files.readAllLines(cgroup.resolve("memory.stat"))) {
            if (line.startsWith("total_inactive_file ")) inactive = Long.parseLong(line.split(" ")[1]);
        }
        return 100.0 * (usage - inactive) / (512L << 20);
    }

    @Test
    void aCgroupV2LayoutIsReadEndToEnd() throws Exception {
        Path root = Files.createTempDirectory("cgroup-v2-");
        Files.createDirectories(root.resolve("proc/self"));
        Files.writeString(root.resolve("proc/self/cgroup"), "0::/\n");
        Files.writeString(root.resolve("proc/self/mountinfo"),
                "30 23 0:26 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:4 - cgroup2 cgroup2 rw,nsdelegate\n");
        Path cg = Files.createDirectories(root.resolve("sys/fs/cgroup"));
        Files.writeString(cg.resolve("memory.max"), (512L << 20) + "\n");
        Files.writeString(cg.resolve("memory.current"), (100L << 20) + "\n");
        Files.writeString(cg.resolve("memory.stat"), "anon 1\ninactive_file " + (20L << 20) + "\n");
        Files.writeString(cg.resolve("memory.events"), "low 0\nhigh 0\nmax 0\noom 2\noom_kill 2\n");
        Files.writeString(cg.resolve("cpu.max"), "150000 100000\n");
        Files.writeString(cg.resolve("cpu.stat"), "usage_usec 1000000\nnr_periods 100\nnr_throttled 0\nthrottled_usec 0\n");
        Files.writeString(cg.resolve("pids.max"), "4096\n");
        Files.writeString(cg.resolve("pids.current"), "37\n");
        int agentPort = HostProcess.freePort();
        String agent = "http://127.0.0.1:" + agentPort;
        try (HostProcess host = HostProcess.idle("cgroup-v2", QUIET + ",port=" + agentPort, false,
                List.of("-Dhealthagent.fsroot=" + root))) {
            JsonNode r = awaitReport(agent, x -> x.get("checks").has("pids")
                    && x.get("checks").get("cpu").get("message").asText().startsWith("CPU usage"), Duration.ofSeconds(30));
            assertEquals("Memory usage at 15.6% (80 MB of the container's 512 MB limit, working set; "
                    + "2 OOM kills in the container)", r.get("checks").get("memory").get("message").asText());
            assertEquals(80, r.get("performance").get("memory_usage_mb").asLong());
            assertEquals("37 processes and threads of the container's 4096 limit (1%)",
                    r.get("checks").get("pids").get("message").asText());
            assertTrue(r.get("checks").get("cpu").get("message").asText().contains("of the container's 1.5 cores"),
                    r.get("checks").get("cpu").toString());
            java.util.Map<String, Double> m = Http.prometheus(Http.get(agent + "/metrics").body());
            assertEquals(512L << 20, Http.value(m, "container_memory_limit_bytes"));
            assertEquals(1.5, Http.value(m, "container_cpu_quota_cores"));
            assertEquals(0.0, Http.value(m, "container_cpu_throttled_ratio"));
            assertEquals(2, Http.value(m, "container_oom_kills_total"));
            assertEquals(4096, Http.value(m, "container_pids_max"));

            // A process of the container killed for memory: the counter goes up, an alert is raised at once.
            Files.writeString(cg.resolve("memory.events"), "low 0\nhigh 0\nmax 0\noom 3\noom_kill 3\n");
            JsonNode killed = awaitReport(agent, x -> Reports.active(x, "memory:oom_kill", "Critical"), Duration.ofSeconds(15));
            assertTrue(Reports.alert(killed, "memory:oom_kill").get("message").asText()
                    .startsWith("3 OOM kills in the container so far (Critical at any new OOM kill) since "), killed.toString());
            Http.assertNoAgentErrors(agent);
        }
    }

    @Test
    void aPidLimitIsReported() throws Exception {
        Path pids = Paths.get("/sys/fs/cgroup/pids/health-agent-it-" + ProcessHandle.current().pid());
        Files.createDirectories(pids);
        try {
            Files.writeString(pids.resolve("pids.max"), "400");
            int agentPort = HostProcess.freePort();
            List<String> join = List.of("sh", "-c", "echo $$ > " + pids.resolve("cgroup.procs") + " && exec \"$@\"", "sh");
            try (HostProcess host = HostProcess.fromSource("cgroup-pids", QUIET + ",port=" + agentPort, false,
                    "IdleHost", "public class IdleHost { public static void main(String[] a) throws Exception { "
                            + "System.out.println(\"idle host up\"); Thread.sleep(Long.MAX_VALUE); } }",
                    List.of(), HostProcess.currentJavaHome(), join)) {
                JsonNode r = awaitReport("http://127.0.0.1:" + agentPort, x -> x.get("checks").has("pids"), Duration.ofSeconds(30));
                String message = r.get("checks").get("pids").get("message").asText();
                long current = Long.parseLong(Files.readString(pids.resolve("pids.current")).trim());
                System.out.println("cgroup: pids.max 400, pids.current " + current + "; the agent: " + message);
                assertTrue(message.matches("\\d+ processes and threads of the container's 400 limit \\(\\d+%\\)"), message);
                long reported = Long.parseLong(message.split(" ")[0]);
                assertTrue(Math.abs(reported - current) <= 10, "the JVM's threads, as pids.current counts them: " + message);
            }
        } finally {
            Files.deleteIfExists(pids);
        }
    }
}

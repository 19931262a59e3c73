package io.healthagent.benchmarks;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The same stream server three ways, interleaved round by round so that machine drift cancels out:
 * no agent, health-agent with its defaults, and the OpenTelemetry Java agent with only its Prometheus
 * metrics exporter. Writes BENCHMARKS.md. Run by scripts/bench.sh, which builds and fetches first.
 *
 * <p>The server is pinned to core 0 and wrk to core 1, so the load generator never takes the server's
 * CPU; wrk's own core use is reported, to show it was not the bottleneck.
 */
public final class SideBySide {
    private static final int APP_PORT = 18_480;

    record Config(String name, List<String> jvmArgs) {
    }

    private final Path serverJar;
    /** Loaded, measured and idled side by side; the first is the baseline of every ratio. */
    private final List<Config> configs;
    /** The floor of any -javaagent, for start time only: it does nothing under load. */
    private Config noopAgent;
    /**
     * The floor of any per-request timing, for the Netty route: the Netty host with no agent, reading the
     * clock itself where an agent does (as a request reaches its handler, as its response goes out).
     */
    private final Config clockFloor = new Config("clock floor", List.of("-Dnettyhost.clockReads=true"));
    private final Map<String, Map<String, List<Double>>> results = new LinkedHashMap<>();
    private final Path work;
    private final WsLoadProcess wsLoad = new WsLoadProcess();

    /** Where each server's class histogram goes after the heap's figure of each round; null: nowhere. */
    private Path histograms;

    /**
     * JVM options of every host this benchmark starts: a full GC that leaves no dead objects behind, so that
     * "heap after a full GC" is the live heap. On the one core the hosts are pinned to, the JVM picks the
     * Serial collector, whose full GC leaves up to 5% of the old generation's dead objects in place as
     * filler {@code int[]} ({@code MarkSweepDeadRatio}) except on every fourth one
     * ({@code MarkSweepAlwaysCompactCount}): one idle host read 7.5, 7.5, 7.5, then 5.8 MB after four full
     * GCs in a row, and the agent's figure moved between +1.1 and +2.7 MB from run to run with it. Full GCs
     * happen only when the benchmark asks, so the option changes nothing else it measures.
     */
    static final List<String> HOST_JVM_ARGS = List.of("-XX:MarkSweepDeadRatio=0");

    /** {@link #HOST_JVM_ARGS}, then what "--host-jvm-args" adds for an experiment (a pinned heap, another GC). */
    private List<String> hostArgs = HOST_JVM_ARGS;

    /** The servers module's class path, for a Netty host beside each stream server; null: no Netty round. */
    private String nettyClasspath;

    private SideBySide(Path serverJar, List<Config> configs, Path work) {
        this.serverJar = serverJar;
        this.configs = configs;
        this.work = work;
        for (Config c : configs) results.put(c.name(), new LinkedHashMap<>());
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) a.put(args[i], args[i + 1]);
        if (a.containsKey("--targets-from")) { // the targets table again, from a report's own "All runs"
            System.out.print(targetsFrom(Paths.get(a.get("--targets-from"))));
            return;
        }
        Path agent = Paths.get(a.get("--agent")).toAbsolutePath();
        Path otel = Paths.get(a.get("--otel")).toAbsolutePath();
        Config third = new Config("OpenTelemetry 2.31.1", List.of("-javaagent:" + otel, "-Dotel.traces.exporter=none",
                "-Dotel.logs.exporter=none", "-Dotel.metrics.exporter=prometheus",
                "-Dotel.exporter.prometheus.host=127.0.0.1", "-Dotel.exporter.prometheus.port=19464"));
        if (a.containsKey("--instead-of-otel")) { // for experiments: "NAME|JVM ARGS", e.g. "cds off|-Xshare:off"
            String[] nameAndArgs = a.get("--instead-of-otel").split("\\|", 2);
            third = new Config(nameAndArgs[0], nameAndArgs.length < 2 || nameAndArgs[1].isBlank() ? List.of()
                    : List.of(nameAndArgs[1].trim().split("\\s+")));
        }
        List<Config> configs = new ArrayList<>(List.of(
                new Config("no agent", List.of()),
                new Config("health-agent", List.of("-javaagent:" + agent))));
        if (!a.containsKey("--without-otel")) configs.add(third); // "--without-otel true": more rounds in the same time
        Path work = Files.createTempDirectory("health-agent-bench-");
        // The peers an operator would pick instead, each in its own column: Elastic's APM agent with sending off
        // (it instruments and measures, reports nowhere), Prometheus' JMX exporter agent serving the JVM's MBeans.
        if (a.containsKey("--elastic")) {
            configs.add(new Config("Elastic APM 1.52.0", List.of("-javaagent:" + Paths.get(a.get("--elastic")).toAbsolutePath(),
                    "-Delastic.apm.service_name=stream-server", "-Delastic.apm.disable_send=true",
                    "-Delastic.apm.central_config=false", "-Delastic.apm.cloud_provider=NONE", "-Delastic.apm.log_level=WARN")));
        }
        if (a.containsKey("--jmx-exporter")) {
            Path rules = Files.writeString(work.resolve("jmx-exporter.yaml"), "rules:\n- pattern: \".*\"\n");
            configs.add(new Config("JMX exporter 1.0.1", List.of("-javaagent:"
                    + Paths.get(a.get("--jmx-exporter")).toAbsolutePath() + "=127.0.0.1:{agentPort}:" + rules)));
        }
        SideBySide bench = new SideBySide(Paths.get(a.get("--server")).toAbsolutePath(), configs, work);
        bench.noopAgent = new Config("no-op agent", List.of("-javaagent:" + NoopAgent.writeJar(work)));
        bench.results.put(bench.noopAgent.name(), new LinkedHashMap<>());
        if (a.containsKey("--histograms")) {
            bench.histograms = Files.createDirectories(Paths.get(a.get("--histograms")));
        }
        if (a.containsKey("--host-jvm-args") && !a.get("--host-jvm-args").isBlank()) {
            bench.hostArgs = new ArrayList<>(HOST_JVM_ARGS);
            bench.hostArgs.addAll(List.of(a.get("--host-jvm-args").trim().split("\\s+")));
        }
        if (a.containsKey("--netty-classpath")) {
            bench.nettyClasspath = Files.readString(Paths.get(a.get("--netty-classpath"))).trim();
        }
        int startRuns = Integer.parseInt(a.getOrDefault("--start-runs", "7"));
        int loadRuns = Integer.parseInt(a.getOrDefault("--load-runs", "3"));
        int bursts = Integer.parseInt(a.getOrDefault("--bursts", "8"));
        int burstSeconds = Integer.parseInt(a.getOrDefault("--burst-seconds", "2"));
        int idleRuns = Integer.parseInt(a.getOrDefault("--idle-runs", "3"));
        int idleSeconds = Integer.parseInt(a.getOrDefault("--idle-seconds", "60"));
        for (int r = 0; r < startRuns; r++) {
            bench.startTime(configs.get(0));
            bench.startTime(bench.noopAgent);
            for (Config c : configs.subList(1, configs.size())) bench.startTime(c);
        }
        for (int r = 0; r < loadRuns; r++) {
            bench.loadRound(bursts, burstSeconds);
        }
        bench.idleTogether(idleRuns, idleSeconds);
        String report = bench.report(startRuns, loadRuns, bursts, burstSeconds, idleRuns, idleSeconds);
        Files.writeString(Paths.get(a.getOrDefault("--out", "BENCHMARKS.md")), report);
        System.out.println(report);
    }

    /** Issue 14's targets, computed from the "All runs" block of a report this class wrote. */
    static String targetsFrom(Path report) throws IOException {
        Map<String, Map<String, List<Double>>> runs = new LinkedHashMap<>();
        Pattern line = Pattern.compile("^(.{22}) (\\S+)\\s+\\[(.*)]$");
        for (String l : Files.readAllLines(report)) {
            Matcher m = line.matcher(l);
            if (!m.matches()) continue;
            List<Double> v = new ArrayList<>();
            for (String x : m.group(3).split(",")) if (!x.isBlank()) v.add(Double.parseDouble(x.trim()));
            runs.computeIfAbsent(m.group(1).trim(), k -> new LinkedHashMap<>()).put(m.group(2), v);
        }
        List<Config> configs = List.of(new Config("no agent", List.of()), new Config("health-agent", List.of()));
        SideBySide bench = new SideBySide(null, configs, null);
        bench.results.putAll(runs);
        bench.noopAgent = new Config("no-op agent", List.of());
        bench.results.putIfAbsent(bench.noopAgent.name(), new LinkedHashMap<>());
        StringBuilder b = new StringBuilder();
        bench.targets(b);
        return b.toString();
    }

    private void add(Config c, String metric, double value) {
        results.computeIfAbsent(c.name(), k -> new LinkedHashMap<>()).computeIfAbsent(metric, k -> new ArrayList<>()).add(value);
        System.out.printf(Locale.ROOT, "%-22s %-28s %10.2f%n", c.name(), metric, value);
    }

    private Process startServer(Config c) throws IOException {
        return startServer(c, APP_PORT);
    }

    private Process startServer(Config c, int port) throws IOException {
        Path data = work.resolve("data-" + port);
        List<String> cmd = new ArrayList<>(List.of("taskset", "-c", "0",
                Paths.get(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(hostArgs);
        for (String arg : c.jvmArgs()) cmd.add(arg.replace("{agentPort}", String.valueOf(port + 1000)));
        cmd.addAll(List.of("-jar", serverJar.toString(), "--host", "127.0.0.1", "--port", String.valueOf(port),
                "--data-dir", data.toString()));
        return new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(work.resolve("server-" + port + ".log").toFile()).start();
    }

    /**
     * The Netty 4.2 test host (demo.hosts.NettyHost: HttpServerCodec, /api/tracks/{id} answered at once) with
     * the configuration's agent, on core 0 beside the stream servers. Each agent gets its own port.
     */
    private Process startNetty(Config c, int port) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("taskset", "-c", "0",
                Paths.get(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(hostArgs);
        for (String arg : c.jvmArgs()) {
            if (arg.startsWith("-Dotel.exporter.prometheus.port=")) arg = "-Dotel.exporter.prometheus.port=" + (port + 1000);
            else if (arg.startsWith("-javaagent:") && arg.endsWith("health-agent.jar")) arg = arg + "=port=" + (port + 1000);
            cmd.add(arg.replace("{agentPort}", String.valueOf(port + 2000)));
        }
        cmd.addAll(List.of("-cp", nettyClasspath, "demo.hosts.NettyHost", "--port", String.valueOf(port)));
        return new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(work.resolve("netty-" + port + ".log").toFile()).start();
    }

    private static int nettyPort(int config) {
        return APP_PORT + 20 + config;
    }

    private static void stop(Process p) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(15, TimeUnit.SECONDS)) p.destroyForcibly().waitFor();
        Thread.sleep(500); // let the ports go
    }

    private static boolean ping() {
        return ping(APP_PORT);
    }

    private static boolean ping(int port) {
        return ping(port, "/api/ping");
    }

    private static boolean ping(int port, String path) {
        try {
            HttpURLConnection h = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + path).toURL()
                    .openConnection();
            h.setConnectTimeout(200);
            h.setReadTimeout(2000);
            boolean ok = h.getResponseCode() == 200;
            h.getInputStream().readAllBytes();
            h.disconnect();
            return ok;
        } catch (IOException e) {
            return false;
        }
    }

    /** JVM launch until the first successful request. */
    private void startTime(Config c) throws Exception {
        long t0 = System.nanoTime();
        Process p = startServer(c);
        while (!ping()) {
            if (!p.isAlive()) {
                throw new IllegalStateException(c.name() + " exited: " + Files.readString(work.resolve("server-" + APP_PORT + ".log")));
            }
            Thread.sleep(5);
        }
        add(c, "start_ms", (System.nanoTime() - t0) / 1e6);
        stop(p);
    }

    /**
     * One round of load: the three servers run side by side (one core, the same one), each is warmed in
     * turn, then they take short bursts of load in turn, A B C A B C ..., so that the machine's drift
     * (these machines are shared: throughput moves by 10% from one minute to the next) hits all three
     * alike. An idle server costs the loaded one next to nothing (see the idle figures).
     */
    private void loadRound(int bursts, int burstSeconds) throws Exception {
        List<Process> servers = new ArrayList<>();
        for (int i = 0; i < configs.size(); i++) {
            servers.add(startServer(configs.get(i), loadPort(i)));
        }
        for (int i = 0; i < configs.size(); i++) {
            while (!ping(loadPort(i))) Thread.sleep(20);
            add(configs.get(i), "warmup_s", warmUp(servers.get(i).pid(), loadPort(i)));
        }
        List<Process> nettys = new ArrayList<>();
        List<Config> nettyConfigs = new ArrayList<>();
        if (nettyClasspath != null) {
            nettyConfigs.addAll(configs);
            nettyConfigs.add(clockFloor); // last: it pairs with the no-agent burst of the same turn, as the others do
            for (int i = 0; i < nettyConfigs.size(); i++) nettys.add(startNetty(nettyConfigs.get(i), nettyPort(i)));
            for (int i = 0; i < nettyConfigs.size(); i++) {
                while (!ping(nettyPort(i), NETTY_PATH)) Thread.sleep(20);
                add(nettyConfigs.get(i), "netty_warmup_s", warmUpNetty(nettys.get(i).pid(), nettyPort(i)));
            }
        }
        for (int b = 0; b < bursts; b++) {
            for (int i = 0; i < configs.size(); i++) {
                Config c = configs.get(i);
                long pid = servers.get(i).pid();
                Map<String, Long> cpuBefore = cpuNanosByThread(pid);
                Wrk w = wrk(loadPort(i), burstSeconds, "/api/ping", null);
                double cpuMicros = cpuMicrosSince(pid, cpuBefore);
                add(c, "throughput_rps", w.rps);
                add(c, "p50_ms", w.p50);
                add(c, "p99_ms", w.p99);
                add(c, "cpu_us_per_request", cpuMicros / w.requests);
                add(c, "wrk_core_percent", w.clientCorePercent);
            }
            for (int i = 0; i < configs.size(); i++) { // a streamed response: 64 KB of a track, committed mid-way
                Config c = configs.get(i);
                long pid = servers.get(i).pid();
                Map<String, Long> cpuBefore = cpuNanosByThread(pid);
                Wrk w = wrk(loadPort(i), burstSeconds, "/stream/1", "Range: bytes=0-65535");
                double cpuMicros = cpuMicrosSince(pid, cpuBefore);
                add(c, "stream_rps", w.rps);
                add(c, "stream_cpu_us_per_request", cpuMicros / w.requests);
            }
            for (int i = 0; i < configs.size(); i++) { // WebSocket echo: 16 connections, one message in flight each
                Config c = configs.get(i);
                long pid = servers.get(i).pid();
                Map<String, Long> cpuBefore = cpuNanosByThread(pid);
                long[] echo = wsLoad.burst(loadPort(i), burstSeconds);
                double cpuMicros = cpuMicrosSince(pid, cpuBefore);
                add(c, "ws_echoes_per_s", echo[0] / (double) burstSeconds);
                add(c, "ws_cpu_us_per_echo", cpuMicros / Math.max(1, echo[0]));
                add(c, "ws_load_core_percent", echo[1] / 10.0 / burstSeconds);
            }
            for (int i = 0; i < nettys.size(); i++) { // the second server: Netty's codec, a hello route
                Config c = nettyConfigs.get(i);
                long pid = nettys.get(i).pid();
                Map<String, Long> cpuBefore = cpuNanosByThread(pid);
                Wrk w = wrk(nettyPort(i), burstSeconds, NETTY_PATH, null);
                double cpuMicros = cpuMicrosSince(pid, cpuBefore);
                add(c, "netty_rps", w.rps);
                add(c, "netty_cpu_us_per_request", cpuMicros / w.requests);
            }
        }
        for (Process p : nettys) stop(p);
        for (int i = 0; i < configs.size(); i++) {
            long pid = servers.get(i).pid();
            add(configs.get(i), "rss_mb", rssKb(pid) / 1024.0);
            jcmd(pid, "GC.run");
            add(configs.get(i), "heap_after_gc_mb", heapUsedKb(jcmd(pid, "GC.heap_info")) / 1024.0);
            if (histograms != null) { // what that heap holds, class by class ("--histograms DIR")
                Files.writeString(histograms.resolve(configs.get(i).name().replaceAll("\\W+", "-") + "-"
                        + values(configs.get(i), "heap_after_gc_mb").size() + ".txt"), jcmd(pid, "GC.class_histogram"));
            }
        }
        for (Process p : servers) stop(p);
    }

    private static int loadPort(int config) {
        return APP_PORT + 10 + config;
    }

    /**
     * Loads the server in 4-second steps (2 s of /api/ping, 1 s of /stream/1, 1 s of WebSocket echo) until its
     * JIT compilers have gone quiet (two steps in a row with the compiler threads under 5% of a core), at
     * least 16 s and at most 60 s. A fixed short
     * warm-up measured the JIT, not the steady state: on one core the compilers still took 10-20% of it
     * 8 s in, and an agent (more classes, its own start-up) stretches that phase.
     *
     * @return seconds of load until steady
     */
    private double warmUp(long pid, int port) throws Exception {
        return untilJitQuiet(pid, 4, 15, 20, () -> { // 20 ticks = 0.2 s of a 4-second step
            wrk(port, 2);
            wrk(port, 1, "/stream/1", "Range: bytes=0-65535");
            wsLoad.burst(port, 1);
        });
    }

    /** One step of load on a server. */
    private interface Step {
        void run() throws Exception;
    }

    /**
     * Runs {@code step} until the server's JIT compilers used at most {@code quietTicks} in two steps in a row
     * (at least {@code minSteps}, at most {@code maxSteps}); returns the seconds it took.
     */
    private static double untilJitQuiet(long pid, int minSteps, int maxSteps, long quietTicks, Step step) throws Exception {
        long t0 = System.nanoTime();
        int quietSteps = 0;
        int steps = 0;
        while (steps < maxSteps && (steps < minSteps || quietSteps < 2)) {
            long before = compilerTicks(pid);
            step.run();
            quietSteps = compilerTicks(pid) - before <= quietTicks ? quietSteps + 1 : 0;
            steps++;
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    private static final String NETTY_PATH = "/api/tracks/1";

    /** As {@link #warmUp}, for a Netty host: 2-second steps of its hello route until the JIT is quiet. */
    private static double warmUpNetty(long pid, int port) throws Exception {
        return untilJitQuiet(pid, 5, 20, 10, () -> wrk(port, 2, NETTY_PATH, null));
    }

    /** CPU ticks of HotSpot's C1 and C2 compiler threads (named "C1 CompilerThread0" and so on). */
    static long compilerTicks(long pid) throws IOException {
        long total = 0;
        try (var tasks = Files.list(Paths.get("/proc/" + pid + "/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    if (Files.readString(task.resolve("comm")).contains("CompilerThre")) {
                        total += ticksOf(Files.readString(task.resolve("stat")));
                    }
                } catch (IOException threadEnded) {
                    // a compiler thread can retire between the listing and the read
                }
            }
        }
        return total;
    }

    /**
     * CPU time of the idle server, as a share of one core. The three configurations idle side by side on
     * their own ports over the same window: idle servers barely disturb each other, and it takes a third
     * of the time.
     */
    private void idleTogether(int windows, int seconds) throws Exception {
        List<Process> servers = new ArrayList<>();
        for (int i = 0; i < configs.size(); i++) {
            servers.add(startServer(configs.get(i), APP_PORT + 1 + i));
        }
        for (int i = 0; i < configs.size(); i++) {
            while (!ping(APP_PORT + 1 + i)) Thread.sleep(20);
            for (int k = 0; k < 20; k++) ping(APP_PORT + 1 + i);
        }
        Thread.sleep(10_000); // past start-up work
        for (int w = 0; w < windows; w++) {
            List<Map<String, Long>> before = new ArrayList<>();
            for (Process server : servers) before.add(cpuNanosByThread(server.pid()));
            Thread.sleep(seconds * 1000L);
            for (int i = 0; i < servers.size(); i++) {
                double micros = cpuMicrosSince(servers.get(i).pid(), before.get(i));
                add(configs.get(i), "idle_cpu_percent", 100.0 * micros / 1e6 / seconds);
            }
        }
        for (Process p : servers) stop(p);
    }

    /** Sums the "used" of the heap's generations (G1: one line; Serial and Parallel: young and old). */
    static long heapUsedKb(String heapInfo) {
        long total = 0;
        for (String line : heapInfo.split("\n")) {
            if (line.contains("Metaspace") || line.contains("class space")) break;
            Matcher m = Pattern.compile("total \\d+K, used (\\d+)K").matcher(line);
            if (m.find()) total += Long.parseLong(m.group(1));
        }
        return total;
    }

    record Wrk(double rps, long requests, double p50, double p99, double clientCorePercent) {
    }

    /** The {@link WsEchoLoad} process, pinned to the load core, started on first use and kept. */
    private static final class WsLoadProcess {
        private Process process;
        private java.io.BufferedReader out;
        private java.io.Writer in;

        /** @return {echoes, the load process's CPU in ms} */
        long[] burst(int port, int seconds) throws IOException {
            if (process == null) {
                process = new ProcessBuilder("taskset", "-c", "1",
                        Paths.get(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                        System.getProperty("java.class.path"), WsEchoLoad.class.getName()).redirectErrorStream(true).start();
                out = new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream()));
                in = new java.io.OutputStreamWriter(process.getOutputStream());
                Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
            }
            in.write(port + " " + seconds + "\n");
            in.flush();
            String line = out.readLine();
            Matcher m = Pattern.compile("echoes (\\d+) cpu_ms (\\d+)").matcher(String.valueOf(line));
            if (!m.find()) throw new IllegalStateException("the WebSocket load said: " + line);
            return new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))};
        }
    }

    private static Wrk wrk(int port, int seconds) throws Exception {
        return wrk(port, seconds, "/api/ping", null);
    }

    private static Wrk wrk(int port, int seconds, String path, String header) throws Exception {
        // bash reports the CPU time wrk used (its children's times) after waiting for it.
        String script = "taskset -c 1 wrk -t1 -c16 -d" + seconds + "s --latency"
                + (header == null ? "" : " -H '" + header + "'") + " http://127.0.0.1:" + port
                + path + "; cat /proc/$$/stat";
        Process p = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        Matcher rps = Pattern.compile("Requests/sec:\\s+([\\d.]+)").matcher(out);
        Matcher requests = Pattern.compile("(\\d+) requests in").matcher(out);
        if (!rps.find() || !requests.find()) throw new IllegalStateException("wrk said: " + out);
        String[] stat = out.substring(out.lastIndexOf(") ") + 2).trim().split("\\s+");
        long childTicks = Long.parseLong(stat[13]) + Long.parseLong(stat[14]); // cutime, cstime
        return new Wrk(Double.parseDouble(rps.group(1)), Long.parseLong(requests.group(1)), latency(out, "50%"), latency(out, "99%"),
                100.0 * childTicks / 100.0 / seconds);
    }

    private static double latency(String wrkOut, String percentile) {
        Matcher m = Pattern.compile("\\s" + Pattern.quote(percentile) + "\\s+([\\d.]+)(us|ms|s)").matcher(wrkOut);
        if (!m.find()) return -1;
        double v = Double.parseDouble(m.group(1));
        return m.group(2).equals("us") ? v / 1000 : m.group(2).equals("s") ? v * 1000 : v;
    }

    static long rssKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Paths.get("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("\\D", ""));
        }
        return -1;
    }

    /**
     * On-CPU time of each of the process's threads, in nanoseconds (the first field of a thread's schedstat):
     * /proc's utime and stime count 10 ms ticks, a 0.5% step in a 2-second burst.
     */
    static Map<String, Long> cpuNanosByThread(long pid) throws IOException {
        Map<String, Long> byThread = new java.util.HashMap<>();
        try (var tasks = Files.list(Paths.get("/proc/" + pid + "/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    byThread.put(task.getFileName().toString(),
                            Long.parseLong(Files.readString(task.resolve("schedstat")).trim().split("\\s+")[0]));
                } catch (IOException threadEnded) {
                    // a thread can end between the listing and the read
                }
            }
        }
        return byThread;
    }

    /** CPU the process used since {@code before}: threads that started meanwhile count whole, ended ones are lost. */
    static double cpuMicrosSince(long pid, Map<String, Long> before) throws IOException {
        long nanos = 0;
        for (Map.Entry<String, Long> t : cpuNanosByThread(pid).entrySet()) {
            nanos += t.getValue() - before.getOrDefault(t.getKey(), 0L);
        }
        return nanos / 1000.0;
    }

    /** utime + stime of a /proc stat line (of a process or of one of its threads). */
    private static long ticksOf(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(") ") + 2).trim().split("\\s+");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    /** One jcmd command (its words in one string: jcmd joins its arguments with spaces anyway). */
    static String jcmd(long pid, String command) throws Exception {
        Process p = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "jcmd").toString(),
                String.valueOf(pid), command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return out;
    }

    /** The table's columns: no agent, the no-op agent, then the others. */
    private static List<Config> columnsOf(List<Config> configs, Config noopAgent) {
        List<Config> columns = new ArrayList<>(configs);
        columns.add(1, noopAgent);
        return columns;
    }

    private List<Double> values(Config c, String metric) {
        return results.getOrDefault(c.name(), Map.of()).getOrDefault(metric, List.of());
    }

    /** Ratios of paired values ({@code a[i] / b[i]}); empty when the two series do not pair. */
    private static List<Double> ratios(List<Double> a, List<Double> b) {
        List<Double> r = new ArrayList<>();
        if (a.size() != b.size()) return r;
        for (int i = 0; i < a.size(); i++) if (b.get(i) > 0) r.add(a.get(i) / b.get(i));
        return r;
    }

    /** Median of the paired ratios; the ratio of the medians when the series do not pair. */
    static double pairedRatio(List<Double> a, List<Double> b) {
        if (a.isEmpty() || b.isEmpty()) return Double.NaN;
        List<Double> r = ratios(a, b);
        return r.isEmpty() ? median(a) / median(b) : median(r);
    }

    static double pairedDifference(List<Double> a, List<Double> b) {
        if (a.isEmpty() || a.size() != b.size()) return Double.NaN;
        List<Double> d = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) d.add(a.get(i) - b.get(i));
        return median(d);
    }

    /** The 68% band of the median paired ratio, in percent: sigma ~ IQR / 1.349, the median's error 1.253 sigma / sqrt(n). */
    static double pairedNoisePercent(List<Double> a, List<Double> b) {
        List<Double> r = ratios(a, b);
        return 1.253 / 1.349 * spreadPercent(r) / Math.sqrt(r.size());
    }

    /**
     * The noise of a ratio with its rounds counted: the larger of the bursts' band ({@link #pairedNoisePercent})
     * and the standard error of the rounds' own median ratios. Bursts of one round share their processes,
     * and a process's JIT and memory layout move a ratio by a few percent for its whole life (rounds of one
     * run: 0.96 to 1.02 on /api/ping), which the bursts' band alone does not see.
     */
    double noisePercent(String metric) {
        return noisePercent(configs.get(1), metric);
    }

    /** {@link #noisePercent(String)} of configuration {@code c}'s ratios over no agent. */
    double noisePercent(Config c, String metric) {
        List<Double> r = ratios(values(c, metric), values(configs.get(0), metric));
        double bursts = pairedNoisePercent(values(c, metric), values(configs.get(0), metric));
        int rounds = values(configs.get(0), "rss_mb").size(); // one per round
        if (rounds < 2 || r.size() % rounds != 0) return bursts;
        int per = r.size() / rounds;
        List<Double> medians = new ArrayList<>();
        for (int k = 0; k < rounds; k++) medians.add(median(r.subList(k * per, (k + 1) * per)));
        double mean = medians.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        double variance = medians.stream().mapToDouble(m -> (m - mean) * (m - mean)).sum() / (rounds - 1);
        return Math.max(bursts, 100 * Math.sqrt(variance / rounds) / median(r));
    }

    static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return v.length == 0 ? Double.NaN : v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /** Interquartile range over the median, in percent: how much one configuration's own runs move. */
    private static double spreadPercent(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (v.length < 4) return Double.NaN;
        return 100 * (v[(3 * v.length) / 4] - v[v.length / 4]) / median(values);
    }

    private String report(int startRuns, int loadRuns, int bursts, int burstSeconds, int idleRuns, int idleSeconds)
            throws Exception {
        String[][] rows = {
                {"start_ms", "start time, launch to first answer (ms)"},
                {"throughput_rps", "throughput, /api/ping (requests/s)"},
                {"p50_ms", "latency p50 under load (ms)"},
                {"p99_ms", "latency p99 under load (ms)"},
                {"cpu_us_per_request", "server CPU per request under load (µs)"},
                {"stream_rps", "throughput, /stream/1 with a 64 KB range (requests/s)"},
                {"stream_cpu_us_per_request", "server CPU per streamed response (µs)"},
                {"ws_echoes_per_s", "WebSocket echo, /ws/echo (messages/s)"},
                {"ws_cpu_us_per_echo", "server CPU per WebSocket echo (µs)"},
                {"netty_rps", "throughput, Netty 4.2 host, /api/tracks/1 (requests/s)"},
                {"netty_cpu_us_per_request", "Netty host CPU per request (µs)"},
                {"netty_warmup_s", "Netty host load until the JIT settled (s)"},
                {"warmup_s", "load until the JIT settled (s)"},
                {"rss_mb", "resident memory after load (MB)"},
                {"heap_after_gc_mb", "heap used after a full GC (MB)"},
                {"idle_cpu_percent", "idle CPU over " + idleSeconds + " s (% of one core)"},
                {"wrk_core_percent", "load generator's own core (% busy)"},
                {"ws_load_core_percent", "WebSocket load generator's CPU (% of a core)"}};
        StringBuilder b = new StringBuilder();
        b.append("# Benchmarks: the stream server with no agent, health-agent");
        for (Config c : configs.subList(2, configs.size())) b.append(", ").append(c.name());
        b.append("\n\n");
        b.append("Generated by `scripts/bench.sh` on ").append(LocalDate.now()).append(". Do not edit by hand.\n\n");
        b.append("- Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
                .append(cpuModel()).append(", ").append(memTotal()).append("\n");
        b.append("- JDK: ").append(System.getProperty("java.vm.name")).append(' ')
                .append(System.getProperty("java.runtime.version")).append("\n");
        b.append("- Configurations, run interleaved (A B C A B C ...; the no-op agent for start time only): ");
        for (Config c : columnsOf(configs, noopAgent)) b.append("`").append(c.name()).append("` ").append(c.jvmArgs().isEmpty() ? "(nothing)"
                : String.join(" ", c.jvmArgs().stream().map(s -> s.startsWith("-javaagent:")
                        ? "-javaagent:" + Paths.get(s.substring(11)).getFileName() : s).toList())).append("; ");
        b.append("\n- Medians of ").append(startRuns).append(" start runs, ").append(loadRuns).append(" load rounds (the servers side by side, each warmed under load (ping, stream and WebSocket echo) until its JIT compilers went quiet, 16 to 60 s; then ")
                .append(bursts).append(" bursts each of ").append(burstSeconds).append(" s of wrk, 1 thread, 16 connections, on /api/ping, then on /stream/1, then of WebSocket echo from a Java client with 16 connections, then of wrk on a Netty 4.2 host's /api/tracks/1 (the servers module's NettyHost, beside each stream server, warmed the same way), each taken in turn A B C A B C; CPU time from the threads' schedstat, in nanoseconds) and ").append(idleRuns).append(" consecutive idle windows of ")
                .append(idleSeconds).append(" s (the servers side by side, 10 s after their start). Server pinned to core 0, wrk to core 1; every host runs with `")
                .append(String.join(" ", hostArgs)).append("` (its heap after a full GC is its live heap).\n")
                .append("- The load generator was not the bottleneck when its own core (last row) is well below 100%.\n\n");
        List<Config> columns = columnsOf(configs, noopAgent);
        b.append("| figure |");
        for (Config c : columns) b.append(' ').append(c.name()).append(" |");
        for (Config c : configs.subList(1, configs.size())) b.append(" ratio ").append(c.name()).append(" |");
        b.append("\n|---|");
        for (int i = 0; i < columns.size() + configs.size() - 1; i++) b.append("---|");
        b.append('\n');
        for (String[] row : rows) {
            b.append("| ").append(row[1]).append(" |");
            for (Config c : columns) {
                List<Double> v = values(c, row[0]);
                b.append(v.isEmpty() ? " - |" : String.format(Locale.ROOT, " %.2f |", median(v)));
            }
            for (Config c : configs.subList(1, configs.size())) {
                double ratio = pairedRatio(values(c, row[0]), values(configs.get(0), row[0]));
                b.append(Double.isNaN(ratio) ? " - |" : String.format(Locale.ROOT, " %.3f |", ratio));
            }
            b.append('\n');
        }
        b.append("\nRatios are medians of paired ratios: each burst (or start, or round) of a configuration over the"
                + " no-agent one taken just before it, so that the machine's drift between bursts cancels out.\n");
        b.append("\nStart time above the no-op `-javaagent` (the floor of any agent), median of paired starts: ");
        for (Config c : configs.subList(1, configs.size())) {
            b.append(String.format(Locale.ROOT, "%s %+.1f ms; ", c.name(),
                    pairedDifference(values(c, "start_ms"), values(noopAgent, "start_ms"))));
        }
        b.append(String.format(Locale.ROOT, "the no-op agent itself %+.1f ms over no agent.\n",
                pairedDifference(values(noopAgent, "start_ms"), values(configs.get(0), "start_ms"))));
        if (!values(clockFloor, "netty_cpu_us_per_request").isEmpty()) floor(b);
        b.append("\nNoise of health-agent's ratios (the larger of 0.93 x the interquartile range of its paired ratios over"
                + " their median, over sqrt(n), and the standard error of the rounds' median ratios: the 68% band of the"
                + " median ratio; a ratio closer to 1 than that is a difference this machine cannot resolve): ");
        String[][] noisy = {{"throughput_rps", "throughput"}, {"cpu_us_per_request", "CPU per request"}, {"p99_ms", "p99"},
                {"stream_rps", "stream throughput"}, {"stream_cpu_us_per_request", "CPU per streamed response"},
                {"ws_echoes_per_s", "WebSocket echoes"}, {"ws_cpu_us_per_echo", "CPU per echo"},
                {"netty_rps", "Netty throughput"}, {"netty_cpu_us_per_request", "Netty CPU per request"}};
        for (String[] n : noisy) {
            b.append(String.format(Locale.ROOT, "%s ±%.2f%%; ", n[1],
                    noisePercent(n[0])));
        }
        b.setLength(b.length() - 2);
        b.append(".\n");
        targets(b);
        b.append("\nAll runs:\n\n```\n");
        for (Map.Entry<String, Map<String, List<Double>>> e : results.entrySet()) {
            for (Map.Entry<String, List<Double>> m : e.getValue().entrySet()) {
                b.append(String.format(Locale.ROOT, "%-22s %-20s %s%n", e.getKey(), m.getKey(), m.getValue()));
            }
        }
        return b.append("```\n").toString();
    }

    /**
     * What timing a request costs before anything is recorded: the Netty host reading the clock twice per
     * request itself, over the same host untouched; and the agent over that floor.
     */
    private void floor(StringBuilder b) {
        Config none = configs.get(0);
        Config agent = configs.get(1);
        b.append(String.format(Locale.ROOT, "\nThe floor of any per-request timing, on the Netty route: the Netty host"
                        + " with no agent, reading the clock twice per request itself (as a request reaches its handler,"
                        + " as its response goes out, where an agent reads it), over the same host untouched: CPU per request"
                        + " x%.3f ±%.2f%%, throughput x%.3f ±%.2f%%. health-agent over that floor: CPU per request x%.3f,"
                        + " throughput x%.3f.\n",
                pairedRatio(values(clockFloor, "netty_cpu_us_per_request"), values(none, "netty_cpu_us_per_request")),
                noisePercent(clockFloor, "netty_cpu_us_per_request"),
                pairedRatio(values(clockFloor, "netty_rps"), values(none, "netty_rps")),
                noisePercent(clockFloor, "netty_rps"),
                pairedRatio(values(agent, "netty_cpu_us_per_request"), values(clockFloor, "netty_cpu_us_per_request")),
                pairedRatio(values(agent, "netty_rps"), values(clockFloor, "netty_rps"))));
    }

    /**
     * Issue 14's targets for health-agent, each beside its figure and its noise: met, missed by less than the
     * noise (this run cannot tell), or missed. The hot path's targets come from JMH, which bench.sh appends.
     */
    private void targets(StringBuilder b) {
        Config agent = configs.get(1);
        Config none = configs.get(0);
        b.append("\n## Targets on the stream server\n\n| target | measured | noise | met |\n|---|---|---|---|\n");
        List<Double> startDiffs = differences(values(agent, "start_ms"), values(noopAgent, "start_ms"));
        target(b, "start at most 30 ms above the no-op `-javaagent`", median(startDiffs), differenceNoise(startDiffs),
                30, false, "%+.1f ms", "±%.1f ms");
        String[][] ratios = {
                {"cpu_us_per_request", "/api/ping: CPU per request at most x1.01", "1.01", "max"},
                {"throughput_rps", "/api/ping: throughput at least x0.99", "0.99", "min"},
                {"netty_cpu_us_per_request", "Netty /api/tracks/1: CPU per request at most x1.01", "1.01", "max"},
                {"netty_rps", "Netty /api/tracks/1: throughput at least x0.99", "0.99", "min"},
                {"ws_cpu_us_per_echo", "WebSocket echo: CPU per echo at most x1.01", "1.01", "max"},
                {"ws_echoes_per_s", "WebSocket echo: echoes at least x0.99", "0.99", "min"}};
        double worstNoise = 0;
        for (String[] r : ratios) {
            List<Double> a = values(agent, r[0]);
            List<Double> n = values(none, r[0]);
            double noise = noisePercent(r[0]) / 100;
            worstNoise = Math.max(worstNoise, noise);
            target(b, r[1], pairedRatio(a, n), noise * pairedRatio(a, n), Double.parseDouble(r[2]), r[3].equals("min"),
                    "%.3f", "±" + String.format(Locale.ROOT, "%.2f%%", 100 * noise).replace("%", "%%"));
        }
        List<Double> floorCpu = values(clockFloor, "netty_cpu_us_per_request");
        if (!floorCpu.isEmpty()) { // not a target: what the Netty rows would be if the agent only read the clock
            double ratio = pairedRatio(floorCpu, values(none, "netty_cpu_us_per_request"));
            b.append(String.format(Locale.ROOT, "| (Netty: the floor, no agent and two clock reads per request,"
                    + " CPU per request) | %.3f | ±%.2f%% | - |%n", ratio, noisePercent(clockFloor, "netty_cpu_us_per_request")));
        }
        List<Double> rss = differences(values(agent, "rss_mb"), values(none, "rss_mb"));
        b.append(String.format(Locale.ROOT, "| (resident memory added after load; the target is the small host's, below) | %+.1f MB | ±%.1f MB | - |%n",
                median(rss), differenceNoise(rss)));
        List<Double> heap = differences(values(agent, "heap_after_gc_mb"), values(none, "heap_after_gc_mb"));
        target(b, "heap after a full GC at most +2 MB", median(heap), differenceNoise(heap), 2, false, "%+.1f MB", "±%.1f MB");
        b.append(String.format(Locale.ROOT, "| noise of those ratios at most ±0.5%% | worst ±%.2f%% | - | %s |%n",
                100 * worstNoise, worstNoise <= 0.005 ? "yes" : "no"));
        b.append("\nNoise of a difference (start, memory): 0.93 x the interquartile range of the paired differences"
                + " over sqrt(n); with fewer than 4 rounds, none. \"Within the noise\": closer to the target than the"
                + " noise, so that this run cannot tell met from missed.\n");
    }

    static void target(StringBuilder b, String what, double value, double noise, double limit, boolean atLeast,
                               String valueFormat, String noiseFormat) {
        boolean met = atLeast ? value >= limit : value <= limit;
        boolean withinNoise = Math.abs(value - limit) <= noise;
        b.append("| ").append(what).append(" | ").append(String.format(Locale.ROOT, valueFormat, value)).append(" | ")
                .append(Double.isNaN(noise) ? "-" : String.format(Locale.ROOT, noiseFormat, noise)).append(" | ")
                .append(Double.isNaN(value) ? "-" : withinNoise ? (met ? "yes, within the noise" : "no, within the noise")
                        : met ? "yes" : "no").append(" |\n");
    }

    private static List<Double> differences(List<Double> a, List<Double> b) {
        List<Double> d = new ArrayList<>();
        if (a.size() != b.size()) return d;
        for (int i = 0; i < a.size(); i++) d.add(a.get(i) - b.get(i));
        return d;
    }

    /** The 68% band of the median of {@code d}: 0.93 x its interquartile range over sqrt(n); NaN under 4 values. */
    static double differenceNoise(List<Double> d) {
        double[] v = d.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (v.length < 4) return Double.NaN;
        return 1.253 / 1.349 * (v[(3 * v.length) / 4] - v[v.length / 4]) / Math.sqrt(v.length);
    }

    private static String cpuModel() throws IOException {
        for (String l : Files.readAllLines(Paths.get("/proc/cpuinfo"))) {
            if (l.startsWith("model name")) return l.substring(l.indexOf(':') + 1).trim();
        }
        return "unknown CPU";
    }

    private static String memTotal() throws IOException {
        for (String l : Files.readAllLines(Paths.get("/proc/meminfo"))) {
            if (l.startsWith("MemTotal")) return (Long.parseLong(l.replaceAll("\\D", "")) >> 20) + " GiB";
        }
        return "unknown memory";
    }
}

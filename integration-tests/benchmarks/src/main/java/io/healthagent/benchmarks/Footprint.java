package io.healthagent.benchmarks;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where each megabyte the agent adds goes. The stream server with no agent and with health-agent (its
 * defaults, history store included), side by side on core 0 with Native Memory Tracking on; each loaded the
 * same way (wrk on /api/ping and /stream/1, WebSocket echo) and, for the agent, probed on its port as a
 * kubelet and Prometheus would; then, once both JITs are quiet, per server: resident memory, each NMT category's committed memory,
 * the heap after a full GC and what fills it, and the loaded classes by who owns them. Medians of
 * {@code --rounds} rounds. Run by scripts/bench.sh:
 * {@code java -cp benchmarks.jar io.healthagent.benchmarks.Footprint --agent A --server S [--rounds N]}.
 */
public final class Footprint {
    private static final int PORT = 18_800;

    private Footprint() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) a.put(args[i], args[i + 1]);
        String agent = Paths.get(a.get("--agent")).toAbsolutePath().toString();
        String server = Paths.get(a.get("--server")).toAbsolutePath().toString();
        int rounds = Integer.parseInt(a.getOrDefault("--rounds", "3"));
        Path work = Files.createTempDirectory("health-agent-footprint-");
        List<Map<String, Double>> without = new ArrayList<>();
        List<Map<String, Double>> with = new ArrayList<>();
        Map<String, Double> heapClasses = new TreeMap<>();
        for (int r = 0; r < rounds; r++) {
            Process none = start(work, server, PORT, null);
            Process agentHost = start(work, server, PORT + 1, "-javaagent:" + agent + "=port=" + (PORT + 2) + ",host=127.0.0.1");
            try {
                waitFor(PORT, "/api/ping");
                waitFor(PORT + 2, "/health/live");
                for (int port : new int[] {PORT, PORT + 1}) load(port);
                for (int i = 0; i < 10; i++) { // a kubelet's probes and a Prometheus scrape, for a few periods
                    for (String path : List.of("/health/live", "/health/ready", "/health", "/health/detailed", "/metrics")) {
                        get(PORT + 2, path);
                    }
                    Thread.sleep(1000);
                }
                // Measured in the steady state: the JIT's arenas (malloc'd, freed, kept by the C library) and
                // its code cache grow while it compiles what the load and the probes made hot.
                awaitJitQuiet(none.pid());
                awaitJitQuiet(agentHost.pid());
                without.add(measure(none.pid(), null));
                with.add(measure(agentHost.pid(), heapClasses));
            } finally {
                none.destroy();
                agentHost.destroy();
                none.waitFor();
                agentHost.waitFor();
            }
        }
        System.out.print(report(without, with, heapClasses, rounds));
    }

    private static Process start(Path work, String server, int port, String agentArg) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("taskset", "-c", "0",
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(), "-XX:NativeMemoryTracking=summary"));
        cmd.addAll(SideBySide.HOST_JVM_ARGS); // its heap after a full GC is the live heap, as in SideBySide
        if (agentArg != null) cmd.add(agentArg);
        cmd.addAll(List.of("-jar", server, "--host", "127.0.0.1", "--port", String.valueOf(port),
                "--data-dir", work.resolve("data-" + port + "-" + System.nanoTime()).toString()));
        return new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(work.resolve("server-" + port + ".log").toFile()).start();
    }

    private static void load(int port) throws Exception {
        run("taskset -c 1 wrk -t1 -c16 -d10s http://127.0.0.1:" + port + "/api/ping");
        run("taskset -c 1 wrk -t1 -c16 -d5s -H 'Range: bytes=0-65535' http://127.0.0.1:" + port + "/stream/1");
    }

    private static Map<String, Double> measure(long pid, Map<String, Double> heapClasses) throws Exception {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("resident memory (VmRSS)", rssMb(pid));
        double heapResident = residentInHeapMb(pid, jcmd(pid, "GC.heap_info"));
        m.put("resident: Java heap pages", heapResident);
        m.put("resident: everything else", rssMb(pid) - heapResident);
        String nmt = jcmd(pid, "VM.native_memory summary");
        Matcher total = Pattern.compile("Total: reserved=\\d+KB, committed=(\\d+)KB").matcher(nmt);
        if (total.find()) m.put("NMT total committed", Long.parseLong(total.group(1)) / 1024.0);
        Matcher cat = Pattern.compile("(?m)^-\\s+(.+?) \\(reserved=\\d+KB, committed=(\\d+)KB\\)").matcher(nmt);
        while (cat.find()) m.put("NMT " + cat.group(1).trim(), Long.parseLong(cat.group(2)) / 1024.0);
        jcmd(pid, "GC.run");
        m.put("heap used after a full GC", SideBySide.heapUsedKb(jcmd(pid, "GC.heap_info")) / 1024.0);
        Matcher classes = Pattern.compile("(?m)^Total = \\d+\\s+(\\d+)").matcher(jcmd(pid, "VM.classloader_stats"));
        if (classes.find()) m.put("classes loaded (count)", Double.parseDouble(classes.group(1)));
        String loaders = jcmd(pid, "VM.classloader_stats");
        Matcher agentLoader = Pattern.compile("(?m)\\s(\\d+)\\s+\\d+\\s+\\d+\\s+io\\.healthagent\\.launcher\\.AgentClassLoader")
                .matcher(loaders);
        m.put("classes of the agent's own loader (count)", agentLoader.find() ? Double.parseDouble(agentLoader.group(1)) : 0);
        if (heapClasses != null) {
            Matcher row = Pattern.compile("(?m)^\\s*\\d+:\\s+\\d+\\s+(\\d+)\\s+(\\S+)").matcher(jcmd(pid, "GC.class_histogram"));
            while (row.find()) heapClasses.merge(row.group(2), Long.parseLong(row.group(1)) / 1024.0 / 1024.0, Double::sum);
        }
        return m;
    }

    private static String report(List<Map<String, Double>> without, List<Map<String, Double>> with,
                                 Map<String, Double> heapClasses, int rounds) {
        StringBuilder b = new StringBuilder();
        b.append("Footprint, medians of ").append(rounds).append(" rounds (MB unless counted; NMT: the JVM's Native"
                + " Memory Tracking, committed; the tracking's own bookkeeping is left out of the difference):\n\n");
        b.append("| figure | no agent | health-agent | added |\n|---|---|---|---|\n");
        for (String key : with.get(0).keySet()) {
            if (key.equals("NMT Native Memory Tracking")) continue;
            double w = median(with, key);
            double n = median(without, key);
            if (key.startsWith("NMT ") && !key.equals("NMT total committed") && Math.abs(w - n) < 0.1) continue;
            b.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %+.1f |%n", key, n, w, w - n));
        }
        b.append("\nThe agent's host heap, largest classes (MB, averaged over the rounds):");
        heapClasses.entrySet().stream().sorted((x, y) -> Double.compare(y.getValue(), x.getValue())).limit(8)
                .forEach(e -> b.append(String.format(Locale.ROOT, " %s %.2f;", e.getKey(), e.getValue() / rounds)));
        b.setLength(b.length() - 1);
        return b.append(".\n").toString();
    }

    private static double median(List<Map<String, Double>> runs, String key) {
        double[] v = runs.stream().mapToDouble(m -> m.getOrDefault(key, 0.0)).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /** Until the process's compiler threads used at most a tick in two 2-second windows in a row (at most 60 s). */
    private static void awaitJitQuiet(long pid) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        int quiet = 0;
        while (quiet < 2 && System.nanoTime() < deadline) {
            long before = SideBySide.compilerTicks(pid);
            Thread.sleep(2000);
            quiet = SideBySide.compilerTicks(pid) - before <= 1 ? quiet + 1 : 0;
        }
    }

    private static void waitFor(int port, String path) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (get(port, path) != 200) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("nothing answers on port " + port);
            Thread.sleep(100);
        }
    }

    private static int get(int port, String path) {
        try {
            HttpURLConnection h = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + path).toURL().openConnection();
            h.setConnectTimeout(500);
            h.setReadTimeout(5000);
            int code = h.getResponseCode();
            (code < 400 ? h.getInputStream() : h.getErrorStream()).readAllBytes();
            return code;
        } catch (IOException e) {
            return -1;
        }
    }

    private static double rssMb(long pid) throws IOException {
        return SideBySide.rssKb(pid) / 1024.0;
    }

    /** Resident memory of the mappings inside the Java heap's address range (from GC.heap_info's bounds). */
    private static double residentInHeapMb(long pid, String heapInfo) throws IOException {
        long low = Long.MAX_VALUE;
        long high = 0;
        for (String line : heapInfo.split("\n")) {
            if (line.contains("Metaspace") || line.contains("class space")) break;
            Matcher a = Pattern.compile("0x([0-9a-f]+)").matcher(line);
            while (a.find()) {
                long v = Long.parseUnsignedLong(a.group(1), 16);
                low = Math.min(low, v);
                high = Math.max(high, v);
            }
        }
        long kb = 0;
        boolean inside = false;
        for (String line : Files.readAllLines(Paths.get("/proc/" + pid + "/smaps"))) {
            Matcher range = Pattern.compile("^([0-9a-f]+)-([0-9a-f]+) ").matcher(line);
            if (range.find()) {
                long start = Long.parseUnsignedLong(range.group(1), 16);
                long end = Long.parseUnsignedLong(range.group(2), 16);
                inside = start < high && end > low;
            } else if (inside && line.startsWith("Rss:")) {
                kb += Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return kb / 1024.0;
    }

    private static void run(String script) throws Exception {
        Process p = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        p.waitFor();
    }

    private static String jcmd(long pid, String command) throws Exception {
        return SideBySide.jcmd(pid, command);
    }
}

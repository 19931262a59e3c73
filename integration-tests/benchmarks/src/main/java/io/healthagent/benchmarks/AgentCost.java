package io.healthagent.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an agent costs a small host, measured the simple way an operator would: {@link SmallJdkHost} with a
 * pinned, pre-touched heap ({@code -Xms256m -Xmx256m -XX:+AlwaysPreTouch}, so the heap is the same resident
 * memory with and without an agent), started once per configuration and round, the configurations
 * interleaved round by round so that the machine's drift falls on all of them alike. Each host:
 * <ol>
 *   <li>start: from the process's spawn to its first answer on its port;</li>
 *   <li>4,000 requests on one keep-alive connection, then each of the agent's own URLs read 3 times (a
 *       kubelet's or a Prometheus's reads);</li>
 *   <li>12 s after its spawn: resident memory (VmRSS), the process's CPU time so far, Native Memory
 *       Tracking's committed figures (class metadata, symbols, code), and the classes each loader holds.</li>
 * </ol>
 * The report gives each configuration's medians and, beside them, the difference from the first
 * configuration (no agent) and the start over the no-op {@code -javaagent}.
 *
 * <pre>java -cp benchmarks.jar io.healthagent.benchmarks.AgentCost --rounds 4 \
 *   --config "health-agent|-javaagent:agent.jar=port=18931,jmx.enabled=false|http://127.0.0.1:18931/health/detailed,http://127.0.0.1:18931/metrics" \
 *   [--config ...]</pre>
 * "no agent" and "no-op agent" configurations come first by themselves. A configuration is
 * {@code NAME|JVM ARGS|URLS}, URLS the agent's own, comma-separated (may be empty).
 */
public final class AgentCost {
    private static final int HOST_PORT = 18_930;
    private static final long SETTLE_MILLIS = 12_000;

    record Config(String name, List<String> jvmArgs, List<String> urls) {
    }

    record Figures(double startMs, double rssMb, double cpuS, double metaspaceMb, double symbolMb, double codeMb,
                   double nmtTotalMb, double classes, double agentLoaderClasses) {
        double get(int i) {
            return new double[] {startMs, rssMb, cpuS, metaspaceMb, symbolMb, codeMb, nmtTotalMb, classes,
                    agentLoaderClasses}[i];
        }
    }

    private static final String[] COLUMNS = {"start ms", "RSS MB", "CPU s", "class meta MB", "symbols MB", "code MB",
            "NMT total MB", "classes", "agent loader classes"};

    private AgentCost() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = 4;
        int requests = 4_000;
        List<Config> configs = new ArrayList<>();
        Path work = Files.createTempDirectory("agent-cost-");
        configs.add(new Config("no agent", List.of(), List.of()));
        configs.add(new Config("no-op agent", List.of("-javaagent:" + NoopAgent.writeJar(work)), List.of()));
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
                case "--requests" -> requests = Integer.parseInt(args[i + 1]);
                case "--config" -> configs.add(parse(args[i + 1]));
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        Map<String, List<Figures>> results = new LinkedHashMap<>();
        for (Config c : configs) results.put(c.name(), new ArrayList<>());
        for (int r = 0; r < rounds; r++) {
            for (Config c : configs) {
                Figures f = measure(c, work, requests);
                results.get(c.name()).add(f);
                System.err.printf(Locale.ROOT, "round %d %-28s %s%n", r + 1, c.name(), f);
            }
        }
        System.out.print(report(results, rounds, requests));
        System.out.print(targets(results));
    }

    /** The agent's targets on this host, each with its noise: the first configuration after the no-op agent is the agent's. */
    static String targets(Map<String, List<Figures>> results) {
        List<String> names = new ArrayList<>(results.keySet());
        if (names.size() < 3) return "";
        List<Figures> agent = results.get(names.get(2));
        List<Figures> none = results.get("no agent");
        List<Figures> noop = results.get("no-op agent");
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%n%s's targets on this host:%n%n"
                + "| target | measured | noise | met |%n|---|---|---|---|%n", names.get(2)));
        target(b, "resident memory added at most 20 MB", differences(agent, none, 1), 20, "%+.1f MB");
        target(b, "start at most 30 ms above the no-op `-javaagent`", differences(agent, noop, 0), 30, "%+.0f ms");
        target(b, "the agent's own CPU in the host's first 12 s at most 0.6 s", differences(agent, none, 2), 0.6, "%+.2f s");
        b.append(String.format(Locale.ROOT, "%nNoise: 0.93 x the interquartile range of the per-round differences over"
                + " sqrt(n) (none under 4 rounds); \"within the noise\": closer to the target than that.%n"));
        return b.toString();
    }

    private static List<Double> differences(List<Figures> a, List<Figures> b, int column) {
        List<Double> d = new ArrayList<>();
        for (int r = 0; r < Math.min(a.size(), b.size()); r++) d.add(a.get(r).get(column) - b.get(r).get(column));
        return d;
    }

    private static void target(StringBuilder b, String what, List<Double> diffs, double limit, String format) {
        SideBySide.target(b, what, median(diffs), SideBySide.differenceNoise(diffs), limit, false, format,
                format.replace("%+", "±%"));
    }


    private static Config parse(String spec) {
        String[] parts = spec.split("\\|", -1);
        List<String> jvm = parts.length > 1 && !parts[1].isBlank() ? List.of(parts[1].trim().split("\\s+")) : List.of();
        List<String> urls = parts.length > 2 && !parts[2].isBlank() ? List.of(parts[2].trim().split(",")) : List.of();
        return new Config(parts[0].trim(), jvm, urls);
    }

    private static Figures measure(Config config, Path work, int requests) throws Exception {
        List<String> cmd = new ArrayList<>();
        if (Files.isExecutable(Paths.get("/usr/bin/taskset"))) cmd.addAll(List.of("taskset", "-c", "0"));
        cmd.addAll(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms256m", "-Xmx256m", "-XX:+AlwaysPreTouch", "-XX:NativeMemoryTracking=summary",
                // The JDK server writes a response's head and body apart: with Nagle's algorithm on, each body
                // waits for the client's delayed ACK (40 ms a request).
                "-Dsun.net.httpserver.nodelay=true"));
        cmd.addAll(config.jvmArgs());
        cmd.addAll(List.of("-jar", NoopAgent.jarOf(SmallJdkHost.class, work.resolve("small-jdk-host.jar"), "Main-Class")
                .toString(), String.valueOf(HOST_PORT)));
        Path log = work.resolve(config.name().replaceAll("\\W+", "-") + ".log");
        long spawned = System.nanoTime();
        Process host = new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        try {
            double startMs = awaitFirstAnswer(host, spawned) / 1e6;
            keepAliveRequests(requests);
            for (int i = 0; i < 3; i++) {
                for (String url : config.urls()) readUrl(url, spawned + TimeUnit.SECONDS.toNanos(30));
            }
            long left = SETTLE_MILLIS - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - spawned);
            if (left > 0) Thread.sleep(left);
            long pid = host.pid();
            double rss = statusKb(pid, "VmRSS") / 1024.0;
            double cpu = cpuSeconds(pid);
            String nmt = jcmd(pid, "VM.native_memory", "summary");
            String loaders = jcmd(pid, "VM.classloader_stats");
            return new Figures(startMs, rss, cpu, nmtCommittedMb(nmt, "Class") + nmtCommittedMb(nmt, "Metaspace"),
                    nmtCommittedMb(nmt, "Symbol"),
                    nmtCommittedMb(nmt, "Code"), nmtCommittedMb(nmt, "Total"), loadedClasses(loaders, null),
                    loadedClasses(loaders, "io.healthagent.launcher.AgentClassLoader"));
        } finally {
            host.destroy();
            if (!host.waitFor(10, TimeUnit.SECONDS)) host.destroyForcibly().waitFor();
        }
    }

    /** Nanoseconds from {@code spawned} to the host's first 200. */
    private static long awaitFirstAnswer(Process host, long spawned) throws Exception {
        long deadline = spawned + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!host.isAlive()) throw new IllegalStateException("host exited with " + host.exitValue());
            try (Socket s = new Socket("127.0.0.1", HOST_PORT)) {
                s.setSoTimeout(10_000);
                if (oneRequest(s.getOutputStream(), s.getInputStream())) return System.nanoTime() - spawned;
            } catch (IOException notYet) {
                Thread.sleep(1);
            }
        }
        throw new IllegalStateException("host did not answer in 30 s");
    }

    private static void keepAliveRequests(int n) throws IOException {
        try (Socket s = new Socket("127.0.0.1", HOST_PORT)) {
            s.setTcpNoDelay(true);
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            InputStream in = new java.io.BufferedInputStream(s.getInputStream());
            for (int i = 0; i < n; i++) {
                if (!oneRequest(out, in)) throw new IOException("request " + i + " was not answered with 200");
            }
        }
    }

    private static final byte[] REQUEST = "GET /ping HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    /** One request on a kept-alive connection; reads its head and its Content-Length body. */
    private static boolean oneRequest(OutputStream out, InputStream in) throws IOException {
        out.write(REQUEST);
        out.flush();
        StringBuilder head = new StringBuilder();
        int last4 = 0;
        while (last4 != 0x0d0a0d0a) {
            int b = in.read();
            if (b < 0) throw new IOException("connection closed");
            head.append((char) b);
            last4 = (last4 << 8) | b;
        }
        Matcher m = Pattern.compile("(?i)content-length: *(\\d+)").matcher(head);
        int length = m.find() ? Integer.parseInt(m.group(1)) : 0;
        for (int i = 0; i < length; i++) {
            if (in.read() < 0) throw new IOException("body cut short");
        }
        return head.indexOf("HTTP/1.1 200") == 0;
    }

    /** Reads {@code url}, waiting for its port to open (an agent opens it after the host started) until {@code deadline}. */
    private static void readUrl(String url, long deadline) throws Exception {
        while (true) {
            try {
                readUrl(url);
                return;
            } catch (java.net.ConnectException notYet) {
                if (System.nanoTime() > deadline) throw notYet;
                Thread.sleep(10);
            }
        }
    }

    private static void readUrl(String url) throws IOException {
        java.net.HttpURLConnection c = (java.net.HttpURLConnection) java.net.URI.create(url).toURL().openConnection();
        c.setConnectTimeout(5_000);
        c.setReadTimeout(10_000);
        try (InputStream in = c.getResponseCode() < 400 ? c.getInputStream() : c.getErrorStream()) {
            if (in != null) in.readAllBytes();
        }
    }

    private static long statusKb(long pid, String field) throws IOException {
        for (String line : Files.readAllLines(Paths.get("/proc/" + pid + "/status"))) {
            if (line.startsWith(field + ":")) return Long.parseLong(line.replaceAll("\\D+", ""));
        }
        throw new IOException(field + " not in /proc/" + pid + "/status");
    }

    /** utime + stime of the whole process, at the kernel's 100 ticks a second. */
    private static double cpuSeconds(long pid) throws IOException {
        String stat = Files.readString(Paths.get("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
    }

    private static String jcmd(long pid, String... command) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "jcmd").toString(),
                String.valueOf(pid)));
        cmd.addAll(List.of(command));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(30, TimeUnit.SECONDS);
        return out;
    }

    /** "-  Class (reserved=...KB, committed=...KB)" and "Total: reserved=...KB, committed=...KB". */
    static double nmtCommittedMb(String nmt, String category) {
        Pattern p = category.equals("Total") ? Pattern.compile("Total: reserved=\\d+KB, committed=(\\d+)KB")
                : Pattern.compile("-\\s+" + category + " \\(reserved=\\d+KB, committed=(\\d+)KB\\)");
        Matcher m = p.matcher(nmt);
        return m.find() ? Long.parseLong(m.group(1)) / 1024.0 : Double.NaN;
    }

    /** Classes of the loaders whose type is {@code loaderType} (null: every loader's, the "Total = N" row). */
    static double loadedClasses(String stats, String loaderType) {
        // VM.classloader_stats: "ClassLoader Parent CLD* Classes ChunkSz BlockSz Type", one row per loader.
        Pattern row = loaderType == null ? Pattern.compile("^Total = \\d+\\s+(\\d+)")
                : Pattern.compile("^0x\\S+\\s+0x\\S+\\s+0x\\S+\\s+(\\d+)\\s+\\d+\\s+\\d+\\s+" + Pattern.quote(loaderType) + "$");
        long total = 0;
        for (String line : stats.split("\n")) {
            Matcher m = row.matcher(line.trim());
            if (m.find()) total += Long.parseLong(m.group(1));
        }
        return total;
    }

    private static double median(List<Double> v) {
        return SideBySide.median(v);
    }


    private static String report(Map<String, List<Figures>> results, int rounds, int requests) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "SmallJdkHost, -Xms256m -Xmx256m -XX:+AlwaysPreTouch, JDK %s, pinned to core 0;"
                + " %d keep-alive requests, each agent's URLs read 3 times, figures 12 s after spawn;"
                + " medians of %d interleaved rounds (differences: median of the per-round differences"
                + " from \"no agent\", start from \"no-op agent\").%n%n", System.getProperty("java.version"),
                requests, rounds));
        out.append("| configuration |");
        for (String c : COLUMNS) out.append(' ').append(c).append(" |");
        out.append("\n|---|");
        for (int i = 0; i < COLUMNS.length; i++) out.append("---|");
        out.append('\n');
        List<Figures> none = results.get("no agent");
        List<Figures> noop = results.get("no-op agent");
        for (Map.Entry<String, List<Figures>> e : results.entrySet()) {
            out.append("| ").append(e.getKey()).append(" |");
            for (int col = 0; col < COLUMNS.length; col++) {
                List<Double> values = new ArrayList<>();
                List<Double> diffs = new ArrayList<>();
                List<Figures> base = col == 0 ? noop : none;
                for (int r = 0; r < e.getValue().size(); r++) {
                    values.add(e.getValue().get(r).get(col));
                    if (r < base.size()) diffs.add(e.getValue().get(r).get(col) - base.get(r).get(col));
                }
                String unit = col >= 7 ? "%.0f" : col == 0 ? "%.0f" : "%.2f";
                out.append(' ').append(String.format(Locale.ROOT, unit, median(values)));
                if (!e.getKey().equals("no agent") && !(col == 0 && e.getKey().equals("no-op agent"))) {
                    out.append(String.format(Locale.ROOT, " (" + (col >= 7 || col == 0 ? "%+.0f" : "%+.2f") + ")", median(diffs)));
                }
                out.append(" |");
            }
            out.append('\n');
        }
        return out.toString();
    }
}

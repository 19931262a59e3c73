package io.healthagent.it;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A real host JVM, started as a separate process, with or without the agent; its output goes to a log file. */
final class HostProcess implements AutoCloseable {
    static final Path AGENT_JAR = Paths.get(System.getProperty("agent.jar", "../agent/target/health-agent.jar"));
    static final Path STREAM_JAR = Paths.get(System.getProperty("stream.jar", "target/stream-server.jar"));
    static final Path WORK = Paths.get(System.getProperty("work.dir", "target/it-work"));

    final Process process;
    final Path log;
    /** Agent errors this test provokes on purpose (an OutOfMemoryError, say): close() lets lines with it pass. */
    private String expectedAgentError;

    private HostProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts a host: {@code java [-javaagent:jar=agentArgs] jvmArgs... mainArgs...}; agentArgs null means no agent. */
    static HostProcess start(String name, Path javaHome, String agentArgs, List<String> jvmArgs, List<String> mainArgs)
            throws IOException {
        return start(name, javaHome, agentArgs, jvmArgs, mainArgs, List.of());
    }

    /** @param prefix a command the java command is appended to (one that makes the file system read-only, say) */
    static HostProcess start(String name, Path javaHome, String agentArgs, List<String> jvmArgs, List<String> mainArgs,
                             List<String> prefix) throws IOException {
        Files.createDirectories(WORK);
        Path log = WORK.resolve(name + ".log");
        List<String> command = new ArrayList<>(prefix);
        command.add(javaHome.resolve("bin/java").toString());
        if (agentArgs != null) {
            command.add("-javaagent:" + AGENT_JAR.toAbsolutePath() + (agentArgs.isEmpty() ? "" : "=" + agentArgs));
            // Each host its own history store, fresh, unless the test names one (agent arguments win).
            Path store = WORK.resolve(name + "-store");
            deleteTree(store);
            command.add("-Dhealth.agent.store.path=" + store.resolve("health.db").toAbsolutePath());
        }
        command.addAll(jvmArgs);
        command.addAll(mainArgs);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.directory(WORK.toFile());
        return new HostProcess(pb.start(), log);
    }

    /**
     * The JDK HttpServer test host ({@code io.healthagent.it.hosts.JdkHttpHost}, bundling its own Jackson and
     * HdrHistogram) on {@code port}; {@code hostArgs} after the port ({@code virtual}).
     */
    static HostProcess jdkHttpHost(String name, Path javaHome, String agentArgs, int port, String... hostArgs)
            throws IOException {
        return jdkHttpHost(name, javaHome, agentArgs, port, List.of(), hostArgs);
    }

    static HostProcess jdkHttpHost(String name, Path javaHome, String agentArgs, int port, List<String> prefix,
                                   String... hostArgs) throws IOException {
        String classpath = Paths.get(System.getProperty("host.classes")).toAbsolutePath() + ":"
                + Paths.get(System.getProperty("host.libs")).toAbsolutePath() + "/*";
        List<String> main = new ArrayList<>(Arrays.asList("io.healthagent.it.hosts.JdkHttpHost", String.valueOf(port)));
        main.addAll(Arrays.asList(hostArgs));
        return start(name, javaHome, agentArgs, List.of("-cp", classpath), main, prefix);
    }

    /**
     * A prefix that runs the host in a mount namespace of its own whose root file system is read-only (as a
     * container's with a read-only root): /tmp and the working directory with it; /dev/shm, /proc and the
     * log file the test opened before stay as they were.
     */
    static List<String> readOnlyRoot() {
        return List.of("unshare", "--mount", "sh", "-c", "mount -o remount,bind,ro / && exec \"$0\" \"$@\"");
    }

    /** The stream server on {@code port} with its data in a fresh directory under the work dir. */
    static HostProcess streamServer(String name, Path javaHome, String agentArgs, int port, String... jvmArgs)
            throws IOException {
        return streamServer(name, javaHome, agentArgs, port, List.of(), jvmArgs);
    }

    /** As above, with more of the stream server's own arguments. */
    static HostProcess streamServer(String name, Path javaHome, String agentArgs, int port, List<String> serverArgs,
                                    String... jvmArgs) throws IOException {
        Path data = WORK.resolve(name + "-data");
        deleteTree(data);
        List<String> main = new ArrayList<>(Arrays.asList("-jar", STREAM_JAR.toAbsolutePath().toString(), "--host",
                "127.0.0.1", "--port", String.valueOf(port), "--data-dir", data.toAbsolutePath().toString()));
        main.addAll(serverArgs);
        return start(name, javaHome, agentArgs, Arrays.asList(jvmArgs), main);
    }

    /**
     * A host that only idles (a one-file program run by the java launcher), so the test is about the agent's
     * checks. With {@code asNobody}, it runs as user nobody from a world-readable copy of the agent jar, so
     * that file permissions apply (they do not to root).
     */
    static HostProcess idle(String name, String agentArgs, boolean asNobody) throws IOException {
        return idle(name, agentArgs, asNobody, List.of());
    }

    static HostProcess idle(String name, String agentArgs, boolean asNobody, List<String> jvmArgs) throws IOException {
        return idle(name, agentArgs, asNobody, jvmArgs, currentJavaHome());
    }

    static HostProcess idle(String name, String agentArgs, boolean asNobody, List<String> jvmArgs, Path javaHome)
            throws IOException {
        return fromSource(name, agentArgs, asNobody, "IdleHost", "public class IdleHost { public static void main("
                + "String[] a) throws Exception { System.out.println(\"idle host up\"); Thread.sleep(Long.MAX_VALUE); } }",
                jvmArgs, javaHome);
    }

    /** A host made of one source file, run by the java launcher from a world-readable temp directory. */
    static HostProcess fromSource(String name, String agentArgs, boolean asNobody, String className, String code,
                                  List<String> jvmArgs) throws IOException {
        return fromSource(name, agentArgs, asNobody, className, code, jvmArgs, currentJavaHome());
    }

    static HostProcess fromSource(String name, String agentArgs, boolean asNobody, String className, String code,
                                  List<String> jvmArgs, Path javaHome) throws IOException {
        return fromSource(name, agentArgs, asNobody, className, code, jvmArgs, javaHome, List.of());
    }

    /** @param prefix a command the java command is appended to (e.g. one that first joins a cgroup) */
    static HostProcess fromSource(String name, String agentArgs, boolean asNobody, String className, String code,
                                  List<String> jvmArgs, Path javaHome, List<String> prefix) throws IOException {
        Path dir = Files.createTempDirectory("health-agent-idle-");
        Path jar = dir.resolve("health-agent.jar");
        Files.copy(AGENT_JAR, jar);
        Path source = dir.resolve(className + ".java");
        Files.writeString(source, code);
        for (Path p : List.of(dir, jar, source)) {
            Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString(
                    Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
        }
        Files.createDirectories(WORK);
        Path log = WORK.resolve(name + ".log");
        List<String> command = new ArrayList<>();
        command.addAll(prefix);
        if (asNobody) {
            command.addAll(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"));
        }
        command.add(javaHome.resolve("bin/java").toString());
        command.add("-javaagent:" + jar + "=" + agentArgs);
        command.addAll(jvmArgs);
        command.add(source.toString());
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.directory(dir.toFile());
        return new HostProcess(pb.start(), log);
    }

    static Path currentJavaHome() {
        return Paths.get(System.getProperty("java.home"));
    }

    /** Ports handed out in this JVM: the kernel may offer a closed one again, and two of a test's must differ. */
    private static final java.util.Set<Integer> GIVEN = java.util.concurrent.ConcurrentHashMap.newKeySet();

    static int freePort() throws IOException {
        for (int attempt = 0; attempt < 100; attempt++) {
            try (ServerSocket s = new ServerSocket(0)) {
                if (GIVEN.add(s.getLocalPort())) {
                    return s.getLocalPort();
                }
            }
        }
        throw new IOException("no fresh free port in 100 attempts");
    }

    String output() throws IOException {
        return Files.exists(log) ? new String(Files.readAllBytes(log), StandardCharsets.UTF_8) : "";
    }

    /** Waits for a line of output matching {@code regex}; returns its first group, or the whole match. */
    String awaitOutput(String regex, Duration timeout) throws Exception {
        Pattern p = Pattern.compile(regex);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher m = p.matcher(output());
            if (m.find()) {
                return m.groupCount() > 0 ? m.group(1) : m.group();
            }
            if (!process.isAlive()) {
                throw new AssertionError("host exited (" + process.exitValue() + ") before printing /" + regex
                        + "/:\n" + output());
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no output matching /" + regex + "/ within " + timeout + ":\n" + output());
    }

    /** Waits until {@code url} answers with any HTTP status. */
    void awaitHttp(String url, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("host exited (" + process.exitValue() + "):\n" + output());
            }
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
                c.setConnectTimeout(500);
                c.setReadTimeout(2000);
                c.getResponseCode();
                c.disconnect();
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError(url + " did not answer within " + timeout + ":\n" + output());
    }

    /** Waits until the agent at {@code agentBase} has published its first snapshot (/health no longer "starting"). */
    void awaitSnapshot(String agentBase, Duration timeout) throws Exception {
        awaitHttp(agentBase + "/health", timeout);
        long deadline = System.nanoTime() + timeout.toNanos();
        Http.Reply r = Http.get(agentBase + "/health");
        while (r.body().contains("starting")) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no snapshot within " + timeout + ": " + r.body() + "\n" + output());
            }
            Thread.sleep(50);
            r = Http.get(agentBase + "/health");
        }
    }

    long pid() {
        return process.pid();
    }

    /**
     * Stops the host, then asserts the agent caught no Throwable in it: each error site logs its first
     * error with {@link #AGENT_ERROR}, so a clean log means health_agent_errors_total stayed 0.
     */
    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        String out = output();
        List<String> errors = out.lines().filter(l -> l.contains(AGENT_ERROR))
                .filter(l -> expectedAgentError == null || !l.contains(expectedAgentError)).toList();
        if (!errors.isEmpty()) {
            throw new AssertionError("the agent caught errors in host " + log.getFileName() + ":\n" + String.join("\n", errors));
        }
    }

    /** The test provokes agent errors that mention {@code what}; others still fail it. */
    void expectAgentErrors(String what) {
        expectedAgentError = what;
    }

    /** What the agent logs for the first error at each site (AgentErrors.LOG_PREFIX). */
    static final String AGENT_ERROR = "[health-agent] ERROR agent error at ";

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}

package io.healthagent.it;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A real redis-server (Debian's package) on a port of the tests' choosing, without persistence. */
final class RedisServer implements AutoCloseable {
    private final int port;
    private final String password;
    private final List<String> extra;
    private Process process;

    RedisServer(int port, String password) {
        this(port, password, List.of());
    }

    /** With {@code extra} arguments, e.g. TLS: then {@code port} is the TLS port and plain TCP is off. */
    RedisServer(int port, String password, List<String> extra) {
        this.port = port;
        this.password = password;
        this.extra = extra;
    }

    RedisServer start() throws Exception {
        List<String> cmd = new ArrayList<>(List.of("redis-server", "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--protected-mode", "no"));
        if (extra.isEmpty()) {
            cmd.addAll(List.of("--port", String.valueOf(port)));
        } else {
            cmd.addAll(List.of("--port", "0", "--tls-port", String.valueOf(port)));
            cmd.addAll(extra);
        }
        if (password != null) {
            cmd.add("--requirepass");
            cmd.add(password);
        }
        Path log = HostProcess.WORK.resolve("redis-" + port + ".log");
        java.nio.file.Files.createDirectories(HostProcess.WORK);
        process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return this;
            } catch (IOException notYet) {
                if (!process.isAlive()) throw new AssertionError("redis-server exited: " + java.nio.file.Files.readString(log));
                Thread.sleep(50);
            }
        }
        throw new AssertionError("redis-server did not listen on " + port);
    }

    void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() throws Exception {
        stop();
    }
}

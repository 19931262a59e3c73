package io.healthagent.benchmarks;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * A WebSocket echo load for {@link SideBySide}, run as its own process pinned to the load core and kept
 * for the whole benchmark (a JVM started per burst would measure its own warm-up). Commands on stdin,
 * one per line, {@code PORT SECONDS}: 16 connections to {@code ws://127.0.0.1:PORT/ws/echo} (opened on the
 * first burst to that port, then kept, and opened again when the server closed them while idle) each send a 64-byte text message and send the next one when its
 * echo arrives, for SECONDS. Answers one line: {@code echoes N cpu_ms M} (its own CPU during the burst).
 */
public final class WsEchoLoad {
    private static final int CONNECTIONS = 16;
    private static final String MESSAGE = "x".repeat(64);

    private final HttpClient client = HttpClient.newHttpClient();
    private final Map<Integer, List<WebSocket>> sockets = new HashMap<>();
    private final LongAdder echoes = new LongAdder();
    private volatile long deadline;

    public static void main(String[] args) throws Exception {
        WsEchoLoad load = new WsEchoLoad();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        for (String line; (line = in.readLine()) != null; ) {
            String[] f = line.trim().split("\\s+");
            if (f.length != 2) continue;
            System.out.println(load.burst(Integer.parseInt(f[0]), Integer.parseInt(f[1])));
            System.out.flush();
        }
    }

    private String burst(int port, int seconds) throws Exception {
        List<WebSocket> list = sockets.computeIfAbsent(port, p -> new ArrayList<>());
        // The server closes connections idle past its timeout (Jetty: 30 s) while the others are loaded.
        list.removeIf(ws -> {
            boolean closed = ws.isInputClosed() || ws.isOutputClosed();
            if (closed) ws.abort();
            return closed;
        });
        while (list.size() < CONNECTIONS) {
            list.add(client.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws/echo"),
                    new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                            ws.request(1);
                            if (last) {
                                if (System.nanoTime() - deadline < 0) {
                                    echoes.increment();
                                    ws.sendText(MESSAGE, true);
                                }
                            }
                            return null;
                        }
                    }).get(10, TimeUnit.SECONDS));
        }
        long cpuBefore = cpuNanos();
        echoes.reset();
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        for (WebSocket ws : list) ws.sendText(MESSAGE, true);
        Thread.sleep(TimeUnit.SECONDS.toMillis(seconds) + 200); // the last echoes come back, none is sent again
        return "echoes " + echoes.sum() + " cpu_ms " + (cpuNanos() - cpuBefore) / 1_000_000;
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}

package io.healthagent.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A real WebSocket client (the JDK's java.net.http), with what it received and how it was closed. */
final class WsClient implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    final WebSocket socket;
    /** Text messages as they are; binary ones as "binary:N" (N bytes). */
    final LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
    final CompletableFuture<Integer> closedWith = new CompletableFuture<>();

    private WsClient(String url, String... headers) throws Exception {
        WebSocket.Builder b = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        for (int i = 0; i + 1 < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
        StringBuilder partial = new StringBuilder();
        socket = b.buildAsync(URI.create(url), new WebSocket.Listener() {
            private int binary;

            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    received.add(partial.toString());
                    partial.setLength(0);
                }
                ws.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
                binary += data.remaining();
                if (last) {
                    received.add("binary:" + binary);
                    binary = 0;
                }
                ws.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
                closedWith.complete(code);
                return null;
            }

            @Override
            public void onError(WebSocket ws, Throwable error) {
                closedWith.completeExceptionally(error);
            }
        }).get(10, TimeUnit.SECONDS);
    }

    static WsClient open(String url, String... headers) throws Exception {
        return new WsClient(url, headers);
    }

    /** The next message, waiting at most 10 s. */
    String next() throws InterruptedException {
        String m = received.poll(10, TimeUnit.SECONDS);
        if (m == null) throw new AssertionError("no message within 10 s");
        return m;
    }

    void send(String text) throws Exception {
        socket.sendText(text, true).get(10, TimeUnit.SECONDS);
    }

    void sendBinary(int bytes) throws Exception {
        socket.sendBinary(ByteBuffer.wrap(new byte[bytes]), true).get(10, TimeUnit.SECONDS);
    }

    /** Closes with 1000 and waits for the server's answer. */
    int closeNormally() throws Exception {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
        return closedWith.get(10, TimeUnit.SECONDS);
    }

    /** The code the server closed the connection with, waiting at most 10 s. */
    int serverClose() throws Exception {
        return closedWith.get(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        socket.abort();
    }

    /**
     * A client in its own JVM that opens a connection to {@code url}, prints "open" and waits: killing it
     * (SIGKILL) drops the connection without a close handshake, as a phone that loses its network does.
     */
    static Process inAnotherProcess(String url, Path workDir) throws IOException {
        Path source = workDir.resolve("KilledClient.java");
        Files.createDirectories(workDir);
        Files.writeString(source, "public class KilledClient { public static void main(String[] a) throws Exception {"
                + " java.net.http.HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(java.net.URI.create(a[0]),"
                + " new java.net.http.WebSocket.Listener() {}).get(); System.out.println(\"open\"); System.out.flush();"
                + " Thread.sleep(600_000); } }", StandardCharsets.UTF_8);
        return new ProcessBuilder(HostProcess.currentJavaHome().resolve("bin/java").toString(), source.toString(), url)
                .redirectErrorStream(true).start();
    }

    /** Waits for the other process's "open", then kills it. */
    static void killWhenOpen(Process client) throws Exception {
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(client.getInputStream().readNBytes(4), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return e.toString();
            }
        });
        String first = line.get(60, TimeUnit.SECONDS);
        if (!first.equals("open")) throw new AssertionError("the client process said " + first);
        client.destroyForcibly();
        client.waitFor(30, TimeUnit.SECONDS);
    }
}

package io.healthagent.http;

import io.healthagent.bootstrap.AgentErrors;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The agent's HTTP port: one selector thread that owns every connection, and two worker threads for the
 * answers that take a while. No connection ever holds a thread: an idle keep-alive connection, a client
 * trickling its head a byte a second, or one that never reads its answer is a few hundred bytes of state
 * the selector looks at when the socket is ready, and is closed by a deadline.
 *
 * <ul>
 *   <li>Only a complete head within {@link HeadParser}'s limits is answered; a head not complete within
 *       {@link #HEAD_TIMEOUT_MILLIS} gets 408. No body is ever read.</li>
 *   <li>Probes ({@link Endpoints#fast}) are answered on the selector thread from bodies ready in memory,
 *       so they never queue behind /health/detailed, /metrics or the history store.</li>
 *   <li>At most {@link #MAX_CONNECTIONS} connections; a new one past that closes the one that has waited
 *       longest (a head started longest ago, or an idle keep-alive connection), so a probe gets in; at
 *       {@link #HARD_MAX_CONNECTIONS} new connections are closed at once.</li>
 *   <li>One request at a time per connection: pipelined requests wait in the buffer for their turn.</li>
 * </ul>
 */
final class AgentPort {
    /** Past this, a new connection closes the oldest waiting one (see {@link #evictOne}). */
    static final int MAX_CONNECTIONS = 1024;
    /** Past this, a new connection is closed at once: the port's memory and descriptors stay bounded. */
    static final int HARD_MAX_CONNECTIONS = 2048;
    /** A connection that did something this recently is never evicted (a probe that just connected). */
    private static final long EVICTABLE_AFTER_MILLIS = 1_000;
    static final long HEAD_TIMEOUT_MILLIS = 5_000;
    static final long IDLE_TIMEOUT_MILLIS = 30_000;
    /** An answer a client does not read within this is dropped with its connection. */
    static final long WRITE_TIMEOUT_MILLIS = 10_000;
    private static final long TICK_MILLIS = 250;

    private final Endpoints endpoints;
    private final Selector selector;
    private final ServerSocketChannel server;
    private final Set<Connection> connections = new LinkedHashSet<>();
    private final ConcurrentLinkedQueue<Runnable> fromWorkers = new ConcurrentLinkedQueue<>();
    private final ThreadPoolExecutor workers;
    private final Thread thread;
    private volatile boolean running = true;

    /** One client connection; touched only by the selector thread. */
    private final class Connection {
        final SocketChannel channel;
        final SelectionKey key;
        /** Grows from 1 KB (a probe's head) up to the head limit + 1, only for clients that send more. */
        byte[] in = new byte[1024];
        int inLength;
        /** When the first byte of the current head arrived; 0 between requests. */
        long headStartedMillis;
        long lastActivityMillis;
        /** A worker is answering this connection's request. */
        boolean answering;
        ByteBuffer out;
        long writeStartedMillis;
        boolean closeAfterWrite;

        Connection(SocketChannel channel, SelectionKey key, long now) {
            this.channel = channel;
            this.key = key;
            this.lastActivityMillis = now;
        }

        boolean idle() {
            return !answering && out == null && inLength == 0;
        }
    }

    private AgentPort(String host, int port, Endpoints endpoints) throws IOException {
        this.endpoints = endpoints;
        this.selector = Selector.open();
        this.server = ServerSocketChannel.open();
        try {
            server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            server.bind(new InetSocketAddress(host, port), 128);
            server.configureBlocking(false);
            server.register(selector, SelectionKey.OP_ACCEPT);
        } catch (IOException | RuntimeException e) {
            server.close();
            selector.close();
            throw e;
        }
        AtomicInteger n = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(2, 2, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(16), r -> {
            Thread t = new Thread(r, "health-agent-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        workers.allowCoreThreadTimeOut(true);
        this.thread = new Thread(this::run, "health-agent-http");
        thread.setDaemon(true);
    }

    /** Binds and starts serving; throws when the address cannot be bound. */
    static AgentPort start(String host, int port, Endpoints endpoints) throws IOException {
        AgentPort p = new AgentPort(host, port, endpoints);
        p.thread.start();
        return p;
    }

    int port() {
        return server.socket().getLocalPort();
    }

    void stop() {
        running = false;
        selector.wakeup();
    }

    /**
     * The selector loop. It outlives the host's troubles: an error in one turn (an OutOfMemoryError while
     * the host's heap is full, say) is counted, the connection in hand dropped, and the loop goes on after a
     * short pause, so the port answers again as soon as memory is back. Only a closed selector ends it.
     */
    private void run() {
        long[] lastSweep = {System.currentTimeMillis()};
        try {
            while (running) {
                try {
                    turn(lastSweep);
                } catch (IOException | ClosedSelectorException e) {
                    return; // the selector is gone: nothing more to serve
                } catch (Throwable t) {
                    AgentErrors.record("http.port", t);
                    pause();
                }
            }
        } finally {
            for (Connection c : new ArrayList<>(connections)) close(c);
            try {
                server.close();
                selector.close();
            } catch (IOException ignored) {
                // closing
            }
            workers.shutdownNow();
        }
    }

    /** One select and what it found; then the workers' results, and the sweep of idle connections when due. */
    private void turn(long[] lastSweep) throws IOException {
        selector.select(TICK_MILLIS);
        long now = System.currentTimeMillis();
        Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
        while (keys.hasNext()) {
            SelectionKey key = keys.next();
            keys.remove();
            try {
                if (!key.isValid()) continue;
                if (key.isAcceptable()) {
                    accept(now);
                } else {
                    Connection c = (Connection) key.attachment();
                    if (key.isWritable() && c.out != null && flush(c, now)) handleBuffered(c, now);
                    if (key.isValid() && key.isReadable()) read(c, now);
                }
            } catch (IOException e) {
                if (key.attachment() != null) close((Connection) key.attachment());
            } catch (RuntimeException | Error e) {
                AgentErrors.record("http.port", e);
                if (key.attachment() != null) close((Connection) key.attachment());
            }
        }
        for (Runnable r; (r = fromWorkers.poll()) != null; ) r.run();
        if (now - lastSweep[0] >= TICK_MILLIS) {
            sweep(now);
            lastSweep[0] = now;
        }
    }

    /** After an error in a turn: a moment for the host (and its garbage collector) before the next. */
    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void accept(long now) throws IOException {
        for (SocketChannel ch; (ch = server.accept()) != null; ) {
            if (connections.size() >= MAX_CONNECTIONS) evictOne(now);
            if (connections.size() >= HARD_MAX_CONNECTIONS) {
                ch.close();
                continue;
            }
            ch.configureBlocking(false);
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            SelectionKey key = ch.register(selector, SelectionKey.OP_READ);
            Connection c = new Connection(ch, key, now);
            key.attach(c);
            connections.add(c);
        }
    }

    /**
     * Closes the connection that has waited longest: a head in progress since longest (a slow client), or
     * a keep-alive connection idle since longest. Never one being answered, and never one that did
     * something in the last second (a probe that just connected has not sent its head yet).
     */
    private void evictOne(long now) {
        Connection oldest = null;
        long oldestAt = now - EVICTABLE_AFTER_MILLIS;
        for (Connection c : connections) {
            if (c.answering || c.out != null) continue;
            long at = c.inLength > 0 ? c.headStartedMillis : c.lastActivityMillis;
            if (at < oldestAt) {
                oldest = c;
                oldestAt = at;
            }
        }
        if (oldest != null) close(oldest);
    }

    private void read(Connection c, long now) throws IOException {
        if (c.inLength == c.in.length && c.in.length <= HeadParser.MAX_HEAD) {
            c.in = java.util.Arrays.copyOf(c.in, Math.min(HeadParser.MAX_HEAD + 1, c.in.length * 4));
        }
        ByteBuffer buf = ByteBuffer.wrap(c.in, c.inLength, c.in.length - c.inLength);
        int n = c.channel.read(buf);
        if (n < 0) {
            close(c);
            return;
        }
        if (n == 0) return;
        if (c.inLength == 0) c.headStartedMillis = now;
        c.inLength += n;
        c.lastActivityMillis = now;
        handleBuffered(c, now);
    }

    /**
     * Answers the heads in the buffer, one after the other (pipelined requests), until one is incomplete,
     * goes to a worker, or its answer cannot be written at once. Called after a read, after an answer was
     * written.
     */
    private void handleBuffered(Connection c, long now) {
        while (true) {
            if (c.answering || c.out != null) {
                return; // one request at a time: the next waits until this one's answer is written
            }
            if (c.inLength == 0) {
                c.headStartedMillis = 0;
                return;
            }
            HeadParser.Result r = HeadParser.parse(c.in, c.inLength);
            if (r == HeadParser.Result.INCOMPLETE) return;
            if (r.isError()) {
                HttpReply reply = HttpReply.error(r.errorStatus, r.errorMessage);
                if (r.errorStatus == 405) reply.header("Allow", "GET, HEAD");
                send(c, reply.toBytes(false, false), true, now);
                return;
            }
            System.arraycopy(c.in, r.consumed, c.in, 0, c.inLength - r.consumed);
            c.inLength -= r.consumed;
            c.headStartedMillis = c.inLength > 0 ? now : 0;
            HttpRequest request = r.request;
            HttpReply fast = answerSafely(request, true);
            if (fast != null) {
                if (!send(c, fast.toBytes(request.isHead(), request.keepAlive), !request.keepAlive, now)) return;
                continue;
            }
            interest(c, 0); // one request at a time: the next head waits in the buffer
            c.answering = true;
            try {
                workers.execute(() -> {
                    HttpReply slow = answerSafely(request, false);
                    fromWorkers.add(() -> {
                        c.answering = false;
                        long t = System.currentTimeMillis();
                        if (c.channel.isOpen() && send(c, slow.toBytes(request.isHead(), request.keepAlive),
                                !request.keepAlive, t)) {
                            handleBuffered(c, t);
                        }
                    });
                    selector.wakeup();
                });
            } catch (RejectedExecutionException busy) {
                c.answering = false;
                send(c, HttpReply.error(503, "busy; retry").header("Retry-After", "1").toBytes(request.isHead(), false),
                        true, now);
            }
            return;
        }
    }

    private HttpReply answerSafely(HttpRequest request, boolean fast) {
        try {
            return fast ? endpoints.fast(request) : endpoints.slow(request);
        } catch (Throwable t) {
            AgentErrors.record("http.endpoint", t);
            return HttpReply.error(500, "internal error");
        }
    }

    /** @return true when the answer is written and the connection stays open for the next request */
    private boolean send(Connection c, byte[] bytes, boolean closeAfter, long now) {
        c.out = ByteBuffer.wrap(bytes);
        c.closeAfterWrite = closeAfter;
        c.writeStartedMillis = now;
        try {
            return flush(c, now);
        } catch (IOException e) {
            close(c);
            return false;
        }
    }

    /** @return true when the pending answer is all written and the connection stays open */
    private boolean flush(Connection c, long now) throws IOException {
        c.channel.write(c.out);
        if (c.out.hasRemaining()) {
            interest(c, SelectionKey.OP_WRITE);
            return false;
        }
        c.out = null;
        c.lastActivityMillis = now;
        if (c.closeAfterWrite) {
            close(c);
            return false;
        }
        interest(c, SelectionKey.OP_READ);
        return true;
    }

    /** Changes what the selector waits for on this connection, only when it changes. */
    private static void interest(Connection c, int ops) {
        if (c.key.isValid() && c.key.interestOps() != ops) c.key.interestOps(ops);
    }

    /** Deadlines: a head too slow gets 408, an answer not read and an idle keep-alive connection are closed. */
    private void sweep(long now) {
        for (Connection c : new ArrayList<>(connections)) {
            if (c.answering) continue;
            if (c.out != null) {
                if (now - c.writeStartedMillis > WRITE_TIMEOUT_MILLIS) close(c);
            } else if (c.headStartedMillis != 0) {
                if (now - c.headStartedMillis > HEAD_TIMEOUT_MILLIS) {
                    interest(c, 0);
                    send(c, HttpReply.error(408, "request head not complete within " + HEAD_TIMEOUT_MILLIS + " ms")
                            .toBytes(false, false), true, now);
                }
            } else if (now - c.lastActivityMillis > IDLE_TIMEOUT_MILLIS) {
                close(c);
            }
        }
    }

    private void close(Connection c) {
        connections.remove(c);
        c.key.cancel();
        try {
            c.channel.close();
        } catch (IOException ignored) {
            // already gone
        }
    }
}

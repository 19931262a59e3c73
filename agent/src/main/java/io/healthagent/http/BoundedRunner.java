package io.healthagent.http;

import fi.iki.elonen.NanoHTTPD;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * NanoHTTPD's default runner starts a thread per connection, without limit. The agent's port must
 * not be a way to exhaust the host's threads, so connections are served by a few daemon threads and a
 * short queue; past that a connection is closed at once.
 */
final class BoundedRunner implements NanoHTTPD.AsyncRunner {
    private final ThreadPoolExecutor pool;

    BoundedRunner(int threads, int queue) {
        AtomicInteger n = new AtomicInteger();
        pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queue), r -> {
            Thread t = new Thread(r, "health-agent-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        pool.allowCoreThreadTimeOut(true);
    }

    @Override
    public void exec(NanoHTTPD.ClientHandler handler) {
        try {
            pool.execute(handler);
        } catch (RejectedExecutionException busy) {
            handler.close();
        }
    }

    @Override
    public void closed(NanoHTTPD.ClientHandler handler) {
        // nothing tracked per connection
    }

    @Override
    public void closeAll() {
        pool.shutdownNow();
    }
}

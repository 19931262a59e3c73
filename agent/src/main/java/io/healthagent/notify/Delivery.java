package io.healthagent.notify;

import io.healthagent.AgentLog;
import io.healthagent.model.NotificationStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicLong;

/**
 * POSTs JSON bodies to one URL from a bounded queue, on its own daemon thread, retrying a failed POST with
 * a growing pause ({@value #FIRST_RETRY_MILLIS} ms, then twice as long each time, {@value #ATTEMPTS} attempts
 * in all, about a minute). {@link #offer} never blocks: when the queue is full the oldest body is dropped
 * (a channel whose bodies are whole states, Alertmanager's, keeps a queue of one). Failures are logged once
 * per reason, with the URL as {@link #shown} masks it, and once more when deliveries work again.
 */
final class Delivery {
    static final long FIRST_RETRY_MILLIS = 1_000;
    static final int ATTEMPTS = 7;
    private static final int TIMEOUT_MILLIS = 5_000;

    private final String label;
    private final URL url;
    private final String shownUrl;
    private final int capacity;
    private final Deque<byte[]> queue = new ArrayDeque<>();
    private final Thread thread;
    private volatile boolean stopped;
    final AtomicLong sent = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final AtomicLong dropped = new AtomicLong();
    private String lastProblem;

    Delivery(String label, String url, int capacity) throws IOException {
        this.label = label;
        this.url = new URL(url);
        this.shownUrl = shown(url);
        this.capacity = capacity;
        this.thread = new Thread(this::loop, "health-agent-" + label);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** The URL safe to log: scheme, host and port; path and query can carry tokens (Slack's, say). */
    static String shown(String url) {
        int scheme = url.indexOf("://");
        int start = scheme < 0 ? 0 : scheme + 3;
        int at = url.indexOf('@', start);
        int slash = url.indexOf('/', start);
        if (at >= 0 && (slash < 0 || at < slash)) start = at + 1; // user info: never shown
        String host = slash < 0 ? url.substring(start) : url.substring(start, slash);
        boolean more = slash >= 0 && slash < url.length() - 1;
        return (scheme < 0 ? "" : url.substring(0, scheme + 3)) + host + (more ? "/***" : "");
    }

    void offer(byte[] body) {
        synchronized (queue) {
            while (queue.size() >= capacity) {
                queue.pollFirst();
                if (dropped.incrementAndGet() == 1 && capacity > 1) {
                    // Once: a receiver that hangs would otherwise say so with every alert.
                    AgentLog.warn(label + " at " + shownUrl + " does not keep up (" + capacity + " notifications waiting);"
                            + " the oldest are dropped from now on, and counted");
                }
            }
            queue.addLast(body);
            queue.notifyAll();
        }
    }

    /** What this delivery did so far, for the agent block and /metrics. */
    NotificationStatus status() {
        int queued;
        synchronized (queue) {
            queued = queue.size();
        }
        return new NotificationStatus(label, shownUrl, sent.get(), failed.get(), dropped.get(), queued);
    }

    void stop() {
        stopped = true;
        thread.interrupt();
    }

    private void loop() {
        try {
            while (!stopped) {
                byte[] body;
                synchronized (queue) {
                    while (queue.isEmpty()) queue.wait();
                    body = queue.pollFirst();
                }
                send(body);
            }
        } catch (InterruptedException e) {
            // stopped
        }
    }

    private void send(byte[] body) throws InterruptedException {
        long pause = FIRST_RETRY_MILLIS;
        for (int attempt = 1; ; attempt++) {
            Failure problem = post(body);
            if (problem == null) {
                sent.incrementAndGet();
                if (lastProblem != null) {
                    AgentLog.info(label + " " + shownUrl + " is accepting notifications again");
                    lastProblem = null;
                }
                return;
            }
            boolean last = attempt >= ATTEMPTS || !problem.retry;
            if (!problem.why.equals(lastProblem)) {
                AgentLog.warn(label + " " + shownUrl + " failed: " + problem.why
                        + (last ? "; notification dropped" : "; retrying with a growing pause"));
                lastProblem = problem.why;
            }
            if (last) {
                failed.incrementAndGet();
                return;
            }
            Thread.sleep(pause);
            pause *= 2;
        }
    }

    /** Why a POST failed, and whether sending it again could help. */
    private static final class Failure {
        final String why;
        final boolean retry;

        Failure(String why, boolean retry) {
            this.why = why;
            this.retry = retry;
        }
    }

    /** @return null when accepted (2xx), else why */
    private Failure post(byte[] body) {
        HttpURLConnection c = null;
        try {
            c = (HttpURLConnection) url.openConnection();
            c.setConnectTimeout(TIMEOUT_MILLIS);
            c.setReadTimeout(TIMEOUT_MILLIS);
            c.setRequestMethod("POST");
            c.setDoOutput(true);
            c.setInstanceFollowRedirects(false);
            c.setRequestProperty("Content-Type", "application/json");
            c.setFixedLengthStreamingMode(body.length);
            try (OutputStream out = c.getOutputStream()) {
                out.write(body);
            }
            int status = c.getResponseCode();
            drain(status >= 400 ? c.getErrorStream() : c.getInputStream());
            if (status / 100 == 2) return null;
            // A 4xx other than 408 and 429 will not get better by sending the same body again.
            return new Failure("HTTP " + status, status >= 500 || status == 408 || status == 429);
        } catch (java.net.ConnectException e) {
            return new Failure("connection refused", true);
        } catch (java.net.SocketTimeoutException e) {
            return new Failure("no answer within " + TIMEOUT_MILLIS / 1000 + " s", true);
        } catch (IOException | RuntimeException e) {
            return new Failure(e.getClass().getSimpleName(), true); // its message may quote the URL
        } finally {
            if (c != null) c.disconnect();
        }
    }

    private static void drain(InputStream in) throws IOException {
        if (in == null) return;
        try (InputStream i = in) {
            byte[] buf = new byte[4096];
            while (i.read(buf) >= 0) {
                // read to the end so the connection can be reused
            }
        }
    }
}

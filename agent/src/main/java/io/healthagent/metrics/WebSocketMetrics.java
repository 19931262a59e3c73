package io.healthagent.metrics;

import io.healthagent.bootstrap.WebSocketSink;
import io.healthagent.model.WebSocketEndpointStats;
import io.healthagent.model.WebSocketStats;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * WebSocket connections, messages, closes and errors, per endpoint (its path template) and in total, fed
 * by the advice through the bootstrap bridge. A message costs two increments on its endpoint's counters,
 * reached through the handle the session keeps: no lookup, no lock, no allocation. At most
 * {@value #MAX_ENDPOINTS} endpoints; the rest count under "other".
 */
public final class WebSocketMetrics implements WebSocketSink {
    public static final int MAX_ENDPOINTS = 200;
    public static final String OTHER = "other";
    /** The close codes reported on their own; any other is "other". */
    static final int[] CODES = {1000, 1001, 1006, 1011};
    static final String[] CODE_NAMES = {"1000", "1001", "1006", "1011", "other"};
    static final int ABNORMAL = 2;
    private static final long FIVE_MINUTES = 300_000;

    private final ConcurrentHashMap<String, Endpoint> endpoints = new ConcurrentHashMap<>();
    /** Closes and abnormal closes per 10-second slot, fed at each roll from the cumulative counters. */
    private final CountWindow closes = new CountWindow(10_000, 31);
    private long closedAtLastRoll;
    private long abnormalAtLastRoll;

    /** One endpoint's counters; the handle sessions keep. */
    static final class Endpoint {
        final String template;
        final AtomicLong active = new AtomicLong();
        final LongAdder opened = new LongAdder();
        final AtomicLongArray closed = new AtomicLongArray(CODE_NAMES.length);
        final LongAdder refused = new LongAdder();
        final LongAdder messagesIn = new LongAdder();
        final LongAdder messagesOut = new LongAdder();
        final LongAdder bytesIn = new LongAdder();
        final LongAdder bytesOut = new LongAdder();
        final LongAdder errors = new LongAdder();
        final AtomicLongArray sessionBuckets = new AtomicLongArray(WebSocketEndpointStats.SESSION_BUCKETS_SECONDS.length + 1);
        final AtomicLong sessionMicros = new AtomicLong();

        Endpoint(String template) {
            this.template = template;
        }
    }

    @Override
    public Object endpoint(String template) {
        return endpointFor(template);
    }

    private Endpoint endpointFor(String template) {
        String key = template == null ? OTHER : template;
        Endpoint e = endpoints.get(key);
        if (e != null) {
            return e;
        }
        if (endpoints.size() >= MAX_ENDPOINTS) {
            key = OTHER;
        }
        return endpoints.computeIfAbsent(key, Endpoint::new);
    }

    @Override
    public void opened(Object endpoint) {
        Endpoint e = (Endpoint) endpoint;
        e.active.incrementAndGet();
        e.opened.increment();
    }

    @Override
    public void message(Object endpoint, boolean inbound, boolean fin, long bytes) {
        Endpoint e = (Endpoint) endpoint;
        if (inbound) {
            e.bytesIn.add(bytes);
            if (fin) e.messagesIn.increment();
        } else {
            e.bytesOut.add(bytes);
            if (fin) e.messagesOut.increment();
        }
    }

    @Override
    public void error(Object endpoint) {
        ((Endpoint) endpoint).errors.increment();
    }

    @Override
    public void closed(Object endpoint, int code, long sessionNanos) {
        Endpoint e = (Endpoint) endpoint;
        e.active.decrementAndGet();
        e.closed.incrementAndGet(codeIndex(code));
        double seconds = sessionNanos / 1e9;
        double[] bounds = WebSocketEndpointStats.SESSION_BUCKETS_SECONDS;
        int b = 0;
        while (b < bounds.length && seconds > bounds[b]) b++;
        e.sessionBuckets.incrementAndGet(b);
        e.sessionMicros.addAndGet(Math.max(0, sessionNanos / 1000));
    }

    @Override
    public void refused(String template) {
        endpointFor(template).refused.increment();
    }

    static int codeIndex(int code) {
        for (int i = 0; i < CODES.length; i++) {
            if (CODES[i] == code) return i;
        }
        return CODES.length;
    }

    /** Connections open now, all endpoints together (the websocket check's figure). */
    public long active() {
        long n = 0;
        for (Endpoint e : endpoints.values()) n += e.active.get();
        return n;
    }

    /** Moves the closes since the previous roll into the slot of {@code nowMillis}. */
    public synchronized void roll(long nowMillis) {
        long closed = 0;
        long abnormal = 0;
        for (Endpoint e : endpoints.values()) {
            for (int i = 0; i < CODE_NAMES.length; i++) closed += e.closed.get(i);
            abnormal += e.closed.get(ABNORMAL);
        }
        closes.add(nowMillis, closed - closedAtLastRoll, abnormal - abnormalAtLastRoll);
        closedAtLastRoll = closed;
        abnormalAtLastRoll = abnormal;
    }

    /** {closes, abnormal closes} over the last 5 minutes, as of the last roll. */
    public synchronized long[] recentCloses(long nowMillis) {
        return new long[] {closes.requests(nowMillis, FIVE_MINUTES), closes.errors(nowMillis, FIVE_MINUTES)};
    }

    /** Rolls, then reads every counter. */
    public synchronized WebSocketStats stats(long nowMillis) {
        roll(nowMillis);
        List<WebSocketEndpointStats> each = new ArrayList<>();
        long[] sum = new long[9];
        long[] closedSum = new long[CODE_NAMES.length];
        long[] bucketSum = new long[WebSocketEndpointStats.SESSION_BUCKETS_SECONDS.length + 1];
        double secondsSum = 0;
        for (Endpoint e : endpoints.values()) {
            long[] v = {e.active.get(), e.opened.sum(), e.refused.sum(), e.messagesIn.sum(), e.messagesOut.sum(),
                    e.bytesIn.sum(), e.bytesOut.sum(), e.errors.sum()};
            long[] closed = new long[CODE_NAMES.length];
            for (int i = 0; i < closed.length; i++) {
                closed[i] = e.closed.get(i);
                closedSum[i] += closed[i];
            }
            long[] buckets = new long[bucketSum.length];
            for (int i = 0; i < buckets.length; i++) {
                buckets[i] = e.sessionBuckets.get(i);
                bucketSum[i] += buckets[i];
            }
            double seconds = e.sessionMicros.get() / 1e6;
            secondsSum += seconds;
            for (int i = 0; i < v.length; i++) sum[i] += v[i];
            each.add(new WebSocketEndpointStats(e.template, v[0], v[1], codes(closed), v[2], v[3], v[4], v[5], v[6], v[7],
                    buckets, seconds, null));
        }
        each.sort(Comparator.comparing(s -> s.endpoint));
        long[] recent = recentCloses(nowMillis);
        float abnormalPercent = recent[0] == 0 ? 0f : (float) (100.0 * recent[1] / recent[0]);
        WebSocketEndpointStats total = new WebSocketEndpointStats(null, sum[0], sum[1], codes(closedSum), sum[2], sum[3],
                sum[4], sum[5], sum[6], sum[7], bucketSum, secondsSum, abnormalPercent);
        return new WebSocketStats(total, Collections.unmodifiableList(each));
    }

    private static Map<String, Long> codes(long[] closed) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (int i = 0; i < CODE_NAMES.length; i++) m.put(CODE_NAMES[i], closed[i]);
        return Collections.unmodifiableMap(m);
    }
}

package io.healthagent.bootstrap;

import java.lang.ref.WeakReference;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The {@link WebSocketSession} of each server-side connection, keyed by the container's own connection
 * object (identity, held weakly). The agent cannot add a field to a container class that was loaded
 * before it instrumented (it starts after the host, and may be attached to a running one), so it keeps
 * this table instead.
 *
 * <p>Reads, one per frame, take no lock and allocate nothing: an identity hash and a short linear probe
 * of an open-addressing table. Writes (a connection opens or closes) take a lock. A connection the
 * container dropped without closing is cleared by the garbage collector and swept at the next resize.
 */
public final class WebSocketSessions {
    private static final Entry REMOVED = new Entry(null, 0, null);
    private static volatile AtomicReferenceArray<Entry> table = new AtomicReferenceArray<>(64);
    /** Slots in use, removed ones included (guarded by the class lock). */
    private static int used;

    private static final class Entry extends WeakReference<Object> {
        final int hash;
        final WebSocketSession session;

        Entry(Object key, int hash, WebSocketSession session) {
            super(key);
            this.hash = hash;
            this.session = session;
        }
    }

    private WebSocketSessions() {
    }

    /** The session of this connection, or null (not a connection the agent counts). */
    public static WebSocketSession get(Object connection) {
        if (connection == null) return null;
        AtomicReferenceArray<Entry> t = table;
        int mask = t.length() - 1;
        int h = System.identityHashCode(connection);
        for (int i = h & mask, n = 0; n <= mask; i = (i + 1) & mask, n++) {
            Entry e = t.get(i);
            if (e == null) return null;
            if (e != REMOVED && e.hash == h && e.get() == connection) return e.session;
        }
        return null;
    }

    public static synchronized void put(Object connection, WebSocketSession session) {
        if (connection == null || session == null) return;
        if ((used + 1) * 2 > table.length()) resize();
        AtomicReferenceArray<Entry> t = table;
        int mask = t.length() - 1;
        int h = System.identityHashCode(connection);
        int i = h & mask;
        while (t.get(i) != null) i = (i + 1) & mask; // removed slots are not reused: a resize sweeps them
        t.set(i, new Entry(connection, h, session));
        used++;
    }

    public static synchronized void remove(Object connection) {
        AtomicReferenceArray<Entry> t = table;
        int mask = t.length() - 1;
        int h = System.identityHashCode(connection);
        for (int i = h & mask, n = 0; n <= mask; i = (i + 1) & mask, n++) {
            Entry e = t.get(i);
            if (e == null) return;
            if (e != REMOVED && e.hash == h && e.get() == connection) {
                t.set(i, REMOVED);
                return;
            }
        }
    }

    // What advice calls, one line each: find the connection's session and pass the event on.

    /** A connection whose session starts open, for a container with no upgrade step to hook. */
    public static void openNew(Object connection, String template) {
        WebSocketSession s = WebSocketBridge.newSession(template);
        if (s != null) {
            put(connection, s);
            s.opened();
        }
    }

    /** The connection opened (its handshake is done). */
    public static void opened(Object connection) {
        WebSocketSession s = get(connection);
        if (s != null) s.opened();
    }

    /**
     * A frame read ({@code inbound}) or sent. Only data frames count ({@code data}: text, binary or
     * continuation; RFC 6455 gives control frames opcodes 8 and up); a message on its final frame.
     */
    public static void frame(Object connection, boolean inbound, boolean data, boolean fin, long payloadBytes) {
        if (!data) return;
        WebSocketSession s = get(connection);
        if (s != null) s.frame(inbound, fin, payloadBytes);
    }

    public static void error(Object connection) {
        WebSocketSession s = get(connection);
        if (s != null) s.error();
    }

    /** The connection closed with this code; its entry goes. */
    public static void closed(Object connection, int code) {
        WebSocketSession s = get(connection);
        if (s != null) {
            s.closed(code);
            remove(connection);
        }
    }

    /** Rebuilds without removed and collected entries, doubling when more than a quarter stays in use. */
    private static void resize() {
        AtomicReferenceArray<Entry> old = table;
        int live = 0;
        for (int i = 0; i < old.length(); i++) {
            Entry e = old.get(i);
            if (e != null && e != REMOVED && e.get() != null) live++;
        }
        int capacity = old.length();
        while ((live + 1) * 4 > capacity) capacity <<= 1;
        AtomicReferenceArray<Entry> t = new AtomicReferenceArray<>(capacity);
        int mask = capacity - 1;
        for (int i = 0; i < old.length(); i++) {
            Entry e = old.get(i);
            if (e == null || e == REMOVED || e.get() == null) continue;
            int j = e.hash & mask;
            while (t.get(j) != null) j = (j + 1) & mask;
            t.set(j, e);
        }
        used = live;
        table = t;
    }

    /** Entries in use (removed ones swept at the next resize excluded only then); for tests. */
    static synchronized int size() {
        int n = 0;
        AtomicReferenceArray<Entry> t = table;
        for (int i = 0; i < t.length(); i++) {
            Entry e = t.get(i);
            if (e != null && e != REMOVED && e.get() != null) n++;
        }
        return n;
    }
}

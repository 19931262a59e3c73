package io.healthagent.bootstrap;

import java.lang.ref.WeakReference;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Values kept beside a host's objects (a connection, an exchange), keyed by identity and held weakly.
 * The agent cannot add a field to a host class that was loaded before it instrumented (it starts after
 * the host, and may be attached to a running one), so it keeps tables instead.
 *
 * <p>Reads take no lock and allocate nothing: an identity hash and a short linear probe of an
 * open-addressing table. Writes (a connection opens or closes) take this table's lock. An object the host
 * dropped without a remove is cleared by the garbage collector and swept at the next resize.
 */
public final class WeakIdentityTable<V> {
    private static final Entry<Object> REMOVED = new Entry<>(null, 0, null);
    private volatile AtomicReferenceArray<Entry<V>> table = new AtomicReferenceArray<>(64);
    /** Slots in use, removed ones included (guarded by this). */
    private int used;

    private static final class Entry<V> extends WeakReference<Object> {
        final int hash;
        final V value;

        Entry(Object key, int hash, V value) {
            super(key);
            this.hash = hash;
            this.value = value;
        }
    }

    /** The value kept for {@code key}, or null. */
    public V get(Object key) {
        AtomicReferenceArray<Entry<V>> t = table;
        int i = slotOf(t, key);
        return i < 0 ? null : t.get(i).value;
    }

    /** The slot of {@code key}'s entry in {@code t}, or -1: an identity hash and a short linear probe. */
    private static <V> int slotOf(AtomicReferenceArray<Entry<V>> t, Object key) {
        if (key == null) return -1;
        int mask = t.length() - 1;
        int h = System.identityHashCode(key);
        for (int i = h & mask, n = 0; n <= mask; i = (i + 1) & mask, n++) {
            Entry<V> e = t.get(i);
            if (e == null) return -1;
            if (e != REMOVED && e.hash == h && e.get() == key) return i;
        }
        return -1;
    }

    public synchronized void put(Object key, V value) {
        if (key == null || value == null) return;
        if ((used + 1) * 2 > table.length()) resize();
        AtomicReferenceArray<Entry<V>> t = table;
        int mask = t.length() - 1;
        int h = System.identityHashCode(key);
        int i = h & mask;
        while (t.get(i) != null) i = (i + 1) & mask; // removed slots are not reused: a resize sweeps them
        t.set(i, new Entry<>(key, h, value));
        used++;
    }

    /** Removes {@code key}'s entry; returns its value, or null. */
    @SuppressWarnings("unchecked")
    public synchronized V remove(Object key) {
        AtomicReferenceArray<Entry<V>> t = table;
        int i = slotOf(t, key);
        if (i < 0) return null;
        V value = t.get(i).value;
        t.set(i, (Entry<V>) (Entry<?>) REMOVED);
        return value;
    }

    /** Rebuilds without removed and collected entries, doubling when more than a quarter stays in use. */
    private void resize() {
        AtomicReferenceArray<Entry<V>> old = table;
        int live = 0;
        for (int i = 0; i < old.length(); i++) {
            Entry<V> e = old.get(i);
            if (e != null && e != REMOVED && e.get() != null) live++;
        }
        int capacity = old.length();
        while ((live + 1) * 4 > capacity) capacity <<= 1;
        AtomicReferenceArray<Entry<V>> t = new AtomicReferenceArray<>(capacity);
        int mask = capacity - 1;
        for (int i = 0; i < old.length(); i++) {
            Entry<V> e = old.get(i);
            if (e == null || e == REMOVED || e.get() == null) continue;
            int j = e.hash & mask;
            while (t.get(j) != null) j = (j + 1) & mask;
            t.set(j, e);
        }
        used = live;
        table = t;
    }

    /** Calls {@code action} with each live value, without a lock (entries put or removed meanwhile may be missed). */
    public void forEachValue(java.util.function.Consumer<? super V> action) {
        AtomicReferenceArray<Entry<V>> t = table;
        for (int i = 0; i < t.length(); i++) {
            Entry<V> e = t.get(i);
            if (e != null && e != REMOVED && e.get() != null) action.accept(e.value);
        }
    }

    /** Live entries; for tests. */
    public synchronized int size() {
        int n = 0;
        AtomicReferenceArray<Entry<V>> t = table;
        for (int i = 0; i < t.length(); i++) {
            Entry<V> e = t.get(i);
            if (e != null && e != REMOVED && e.get() != null) n++;
        }
        return n;
    }
}

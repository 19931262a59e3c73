package io.healthagent.trends;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;

/**
 * The heap that survives collections: the collection usage (used just after the last collection of the
 * pool) of the heap pools that are not a young generation (G1 Old Gen, PS Old Gen, Tenured Gen, ZGC's and
 * Shenandoah's whole heap). A new reading only when a collection happened since the last one, so that a
 * quiet JVM does not repeat one figure.
 */
final class OldGeneration {
    private final List<MemoryPoolMXBean> pools = new ArrayList<>();
    private final List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();
    private long lastCollections = -1;

    OldGeneration() {
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            String name = p.getName();
            if (p.getType() == MemoryType.HEAP && p.isCollectionUsageThresholdSupported()
                    && !name.contains("Eden") && !name.contains("Survivor") && !name.contains("Young")) {
                pools.add(p);
            }
        }
    }

    /** {used after the last collection, max} in bytes, or null when no collection happened since the last call. */
    long[] sinceLastCall() {
        long collections = 0;
        for (GarbageCollectorMXBean c : collectors) collections += Math.max(0, c.getCollectionCount());
        if (collections == lastCollections || pools.isEmpty()) return null;
        lastCollections = collections;
        long used = 0;
        long max = 0;
        for (MemoryPoolMXBean p : pools) {
            MemoryUsage u = p.getCollectionUsage();
            if (u == null) continue;
            used += u.getUsed();
            max += u.getMax() > 0 ? u.getMax() : p.getUsage().getCommitted();
        }
        return new long[] {used, max};
    }
}

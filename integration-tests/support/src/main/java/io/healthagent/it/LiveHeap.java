package io.healthagent.it;

import java.nio.file.Paths;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A host's live heap, class by class, from {@code jcmd PID GC.class_histogram} (which runs a full GC first, so
 * only reachable objects count): what a test compares before and after a load to see what stayed behind.
 */
final class LiveHeap {
    private static final Pattern ROW = Pattern.compile("(?m)^\\s*\\d+:\\s+\\d+\\s+(\\d+)\\s+(\\S+)");
    private static final Pattern TOTAL = Pattern.compile("(?m)^Total\\s+\\d+\\s+(\\d+)");

    final long totalBytes;
    private final Map<String, Long> bytesByClass;

    private LiveHeap(long totalBytes, Map<String, Long> bytesByClass) {
        this.totalBytes = totalBytes;
        this.bytesByClass = bytesByClass;
    }

    static LiveHeap of(long pid) throws Exception {
        Process p = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "jcmd").toString(),
                String.valueOf(pid), "GC.class_histogram").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("jcmd GC.class_histogram failed: " + out);
        }
        Matcher total = TOTAL.matcher(out);
        if (!total.find()) {
            throw new AssertionError("no total in the class histogram: " + out);
        }
        Map<String, Long> byClass = new HashMap<>();
        for (Matcher row = ROW.matcher(out); row.find(); ) {
            byClass.merge(row.group(2), Long.parseLong(row.group(1)), Long::sum);
        }
        return new LiveHeap(Long.parseLong(total.group(1)), byClass);
    }

    /** The {@code top} classes that grew most since {@code before}, "class +bytes", for a failure message. */
    String growthSince(LiveHeap before, int top) {
        return bytesByClass.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - before.bytesByClass.getOrDefault(e.getKey(), 0L)))
                .sorted((a, b) -> Long.compare(b.getValue(), a.getValue())).limit(top)
                .map(e -> e.getKey() + " +" + e.getValue()).collect(Collectors.joining(", "));
    }
}

package io.healthagent.checks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

/**
 * The machine as Linux's /proc tells it: /proc/stat (CPU ticks), /proc/meminfo (MemTotal, MemAvailable:
 * what `free` calls available), /proc/net/snmp (the TCP MIB's CurrEstab, which covers IPv4 and IPv6 and
 * also counts connections in CLOSE_WAIT). Plain file reads, a few hundred microseconds a run.
 */
final class LinuxResources implements HostResources {
    private final Path proc;

    LinuxResources() {
        this(Paths.get("/proc"));
    }

    LinuxResources(Path proc) {
        this.proc = proc;
    }

    static boolean available() {
        return System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")
                && Files.isReadable(Paths.get("/proc/stat")) && Files.isReadable(Paths.get("/proc/meminfo"));
    }

    @Override
    public long[] cpuTicks() throws IOException {
        for (String line : read("stat")) {
            if (line.startsWith("cpu ")) {
                // user nice system idle iowait irq softirq steal [guest guest_nice, already in user and nice]
                String[] f = line.trim().split("\\s+");
                long total = 0;
                long idle = 0;
                for (int i = 1; i < f.length && i <= 8; i++) {
                    long v = Long.parseLong(f[i]);
                    total += v;
                    if (i == 4 || i == 5) idle += v; // idle, iowait
                }
                return new long[] {total - idle, total};
            }
        }
        throw new IOException("no cpu line in /proc/stat");
    }

    @Override
    public long[] memory() throws IOException {
        long total = -1;
        long available = -1;
        for (String line : read("meminfo")) {
            if (line.startsWith("MemTotal:")) total = kilobytes(line);
            else if (line.startsWith("MemAvailable:")) available = kilobytes(line);
        }
        if (total < 0 || available < 0) {
            throw new IOException("MemTotal or MemAvailable missing from /proc/meminfo");
        }
        return new long[] {total, available};
    }

    @Override
    public long establishedConnections() throws IOException {
        List<String> lines = read("net/snmp");
        for (int i = 0; i + 1 < lines.size(); i++) {
            if (lines.get(i).startsWith("Tcp:") && lines.get(i + 1).startsWith("Tcp:")) {
                String[] names = lines.get(i).trim().split("\\s+");
                String[] values = lines.get(i + 1).trim().split("\\s+");
                for (int k = 1; k < names.length && k < values.length; k++) {
                    if (names[k].equals("CurrEstab")) return Long.parseLong(values[k]);
                }
            }
        }
        throw new IOException("no Tcp CurrEstab in /proc/net/snmp");
    }

    private List<String> read(String file) throws IOException {
        return Files.readAllLines(proc.resolve(file), StandardCharsets.US_ASCII);
    }

    private static long kilobytes(String line) {
        String[] f = line.trim().split("\\s+");
        return Long.parseLong(f[1]) * 1024;
    }
}

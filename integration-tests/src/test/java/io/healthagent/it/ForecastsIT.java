package io.healthagent.it;

import static io.healthagent.it.Reports.awaitReport;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Failure forecasts on real hosts: a real small file system (tmpfs, mounted by this test, which runs as
 * root as CI does) filled at a known rate, and two JVMs whose old generation after collections rises
 * steadily (a leak) or saws up and down (no leak). forecast.window=20s and check.interval=1s, so a
 * forecast is possible after about 7 s of samples and an alert holds 3 s before it is raised.
 */
class ForecastsIT {
    private static final String FAST = "host=127.0.0.1,check.interval=1s,forecast.window=20s,"
            + "threshold.cpu.warning=100,threshold.cpu.critical=100,threshold.cpu.emergency=100,"
            + "threshold.memory.warning=100,threshold.memory.critical=100,threshold.memory.emergency=100";

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), String.join(" ", command) + " failed (this test mounts a tmpfs, as root): " + out);
    }

    @Test
    void aDiskFilledAtAKnownRateIsForecastFullAndTheWarningClearsWhenItStops() throws Exception {
        Path disk = HostProcess.WORK.resolve("forecast-disk").toAbsolutePath();
        Files.createDirectories(disk);
        run("mount", "-t", "tmpfs", "-o", "size=128m", "tmpfs", disk.toString());
        int agentPort = HostProcess.freePort();
        String agent = "http://127.0.0.1:" + agentPort;
        try (HostProcess host = HostProcess.idle("forecast-disk", "port=" + agentPort + "," + FAST + ",audio.dir=" + disk
                + ",forecast.disk.info=1h,forecast.disk.warning=5m,forecast.disk.critical=10s,"
                + "forecast.disk.warning_clear=10m,forecast.disk.critical_clear=1m", false)) {
            host.awaitSnapshot(agent, Duration.ofSeconds(60));
            // 2 MB every 500 ms: 4 MB/s, 14,400 MB/h; 128 MB fill in 32 s from empty.
            byte[] chunk = new byte[2 << 20];
            JsonNode warned = null;
            double forecastAtWarning;
            long deadline = System.nanoTime() + Duration.ofSeconds(24).toNanos();
            int written = 0;
            while (System.nanoTime() < deadline && written < 40) {
                try (OutputStream out = Files.newOutputStream(disk.resolve("fill-" + written))) {
                    out.write(chunk);
                }
                written++;
                Thread.sleep(500);
                JsonNode r = Http.get(agent + "/health/detailed").json();
                if (Reports.active(r, "disk_forecast:time_to_full", "Warning")) {
                    warned = r;
                    break;
                }
            }
            assertTrue(warned != null, "a Warning within 24 s of filling: " + Http.get(agent + "/health/detailed").body());
            JsonNode f = warned.path("analysis").path("disk_forecast");
            System.out.println("a forecast on a filling disk: " + f + "; alert: " + Reports.alert(warned, "disk_forecast:time_to_full"));
            assertEquals(disk.toString(), f.path("path").asText());
            double rate = f.path("fill_rate_mb_per_hour").asDouble();
            assertTrue(rate > 0.7 * 14_400 && rate < 1.3 * 14_400, "filled at 14,400 MB/h, forecast at " + rate + ": " + f);
            // The forecast is what is free at that rate.
            double expectedHours = f.path("free_mb").asDouble() / 14_400;
            forecastAtWarning = f.path("hours_to_full").asDouble();
            assertTrue(Math.abs(forecastAtWarning - expectedHours) < 0.35 * expectedHours + 0.001,
                    "hours to full " + forecastAtWarning + " against free / rate = " + expectedHours + ": " + f);
            assertTrue(f.path("r2").asDouble() > 0.9, f.toString());
            JsonNode alert = Reports.alert(warned, "disk_forecast:time_to_full");
            assertEquals("disk_forecast", alert.path("component").asText());
            assertTrue(alert.path("message").asText().matches("Disk of .* full in \\d+ s at [\\d.]+ MB/h .*\\(Warning under 5 min\\).*"),
                    alert.toString());
            Http.Reply metrics = Http.get(agent + "/metrics");
            assertTrue(metrics.body().contains("disk_forecast_seconds_to_full "), metrics.body());

            // Filling stops: no forecast once the window holds no rise, and the Warning resolves.
            JsonNode cleared = awaitReport(agent, r -> Reports.resolved(r, "disk_forecast:time_to_full"),
                    Duration.ofSeconds(40));
            JsonNode after = cleared.path("analysis").path("disk_forecast").path("hours_to_full");
            assertTrue(after.isNull() || after.asDouble() > 10 / 60.0,
                    "resolved only once not filling or above forecast.disk.warning_clear (10 min): " + cleared.path("analysis"));
            assertEquals(0, cleared.path("agent").path("errors").asLong());
        } finally {
            run("umount", "-l", disk.toString());
        }
    }

    /**
     * Keeps a share of what it allocates (4 MB/s kept, up to 96 MB), with a full collection every 500 ms.
     * Arrays of 256 KB: from half a G1 region (512 KB here) an array is humongous and takes whole regions.
     */
    private static final String LEAKY = "import java.util.*; public class Leaky { static final List<byte[]> kept = new ArrayList<>();"
            + " static byte[] churn; public static void main(String[] a) throws Exception { System.out.println(\"leaky host up\");"
            + " for (long i = 0; ; i++) { for (int k = 0; k < 4; k++) { churn = new byte[1 << 18];"
            + " if (kept.size() < 384) kept.add(new byte[1 << 18]); }"
            + " Thread.sleep(250); if (i % 2 == 1) System.gc(); } } }";

    /** Holds up to 30 MB for 3 s, then lets all of it go, with the same collections: the heap saws up and down. */
    private static final String SAWTOOTH = "import java.util.*; public class Sawtooth { static final List<byte[]> held = new ArrayList<>();"
            + " public static void main(String[] a) throws Exception { System.out.println(\"sawtooth host up\");"
            + " for (long i = 0; ; i++) { for (int k = 0; k < 4; k++) held.add(new byte[1 << 18]); if (i % 30 == 29) held.clear();"
            + " Thread.sleep(100); if (i % 5 == 4) System.gc(); } } }";

    @Test
    void aLeakRaisesAWarningWithItsRateAndASawtoothHeapDoesNot() throws Exception {
        int leakPort = HostProcess.freePort();
        int sawPort = HostProcess.freePort();
        String leakAgent = "http://127.0.0.1:" + leakPort;
        String sawAgent = "http://127.0.0.1:" + sawPort;
        List<String> heap = List.of("-Xmx256m", "-Xms256m");
        try (HostProcess leaky = HostProcess.fromSource("forecast-leaky", "port=" + leakPort + "," + FAST, false, "Leaky",
                LEAKY, heap);
             HostProcess saw = HostProcess.fromSource("forecast-sawtooth", "port=" + sawPort + "," + FAST, false, "Sawtooth",
                     SAWTOOTH, heap)) {
            leaky.awaitSnapshot(leakAgent, Duration.ofSeconds(60));
            saw.awaitSnapshot(sawAgent, Duration.ofSeconds(60));
            JsonNode leak = awaitReport(leakAgent, r -> Reports.active(r, "memory_leak:old_gen_growth", "Warning"),
                    Duration.ofSeconds(40));
            JsonNode m = leak.path("analysis").path("memory_leak");
            System.out.println("a leak as reported: " + m + "; alert: " + Reports.alert(leak, "memory_leak:old_gen_growth"));
            assertTrue(m.path("suspected").asBoolean(), m.toString());
            double mbPerHour = m.path("growth_mb_per_hour").asDouble();
            assertTrue(mbPerHour > 0.6 * 14_400 && mbPerHour < 1.4 * 14_400, "kept 4 MB/s (14,400 MB/h), reported " + m);
            assertTrue(m.path("r2").asDouble() >= 0.8, m.toString());
            String message = Reports.alert(leak, "memory_leak:old_gen_growth").path("message").asText();
            assertTrue(message.matches("Old generation after GC rising [\\d.]+ MB/h \\(R2 [\\d.]+; .*\\(Warning .*"), message);
            assertEquals("degraded", leak.path("status").asText(), "a Warning degrades the service");

            // The sawtooth host ran as long: its old generation was judged (enough collections), and not a leak.
            JsonNode sawReport = Http.get(sawAgent + "/health/detailed").json();
            JsonNode s = sawReport.path("analysis").path("memory_leak");
            assertFalse(s.path("growth_mb_per_hour").isNull(), "the sawtooth host's collections were read: " + s);
            assertTrue(s.path("samples").asInt() >= 10, s.toString());
            assertFalse(s.path("suspected").asBoolean(), s.toString());
            assertNull(Reports.alert(sawReport, "memory_leak:old_gen_growth"), sawReport.path("alerts").toString());
            for (JsonNode r : List.of(leak, sawReport)) assertEquals(0, r.path("agent").path("errors").asLong());
        }
    }
}

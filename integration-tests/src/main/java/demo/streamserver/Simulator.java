package demo.streamserver;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Simulated listeners for the demo: each browses the catalogue, streams parts of tracks, and now and
 * then hits a slow or failing route, so the agent has live numbers to show. Bounded in time: it stops
 * by itself after the given duration.
 */
final class Simulator {
    private final String base;
    private final int listeners;
    private final Duration duration;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    Simulator(String base, int listeners, Duration duration) {
        this.base = base;
        this.listeners = listeners;
        this.duration = duration;
    }

    void start() {
        long deadline = System.nanoTime() + duration.toNanos();
        for (int i = 0; i < listeners; i++) {
            Thread t = new Thread(() -> listen(deadline), "simulated-listener-" + i);
            t.setDaemon(true);
            t.start();
        }
        System.out.println("simulating " + listeners + " listeners for " + duration.toMinutes() + " min");
    }

    private void listen(long deadline) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (System.nanoTime() < deadline) {
            int dice = random.nextInt(100);
            String path;
            String range = null;
            if (dice < 35) {
                path = "/api/tracks";
            } else if (dice < 65) {
                path = "/stream/" + (1 + random.nextInt(6));
                long from = random.nextInt(4) * 65_536L;
                range = "bytes=" + from + "-" + (from + 65_535);
            } else if (dice < 80) {
                path = "/api/slow?ms=" + (20 + random.nextInt(280));
            } else if (dice < 88) {
                path = "/api/async?ms=" + (10 + random.nextInt(150));
            } else if (dice < 94) {
                path = "/api/latest";
            } else if (dice < 98) {
                path = "/api/fail";
            } else {
                path = "/api/crash";
            }
            try {
                HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
                if (range != null) req.header("Range", range);
                client.send(req.build(), HttpResponse.BodyHandlers.discarding());
                Thread.sleep(100 + random.nextInt(400));
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                try {
                    Thread.sleep(1000); // server not up yet, or going down
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }
}

package demo.streamserver;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Simulated listeners for the demo: each follows a "now playing" channel over a WebSocket, browses the
 * catalogue, streams parts of tracks or a few seconds of live audio, and now and then hits a slow or
 * failing route, so the agent has live numbers to show. Bounded in time: it stops
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
        java.net.http.WebSocket nowPlaying = null;
        try {
            Thread.sleep(2000 + random.nextInt(8000)); // listeners arrive over the first seconds
        } catch (InterruptedException e) {
            return;
        }
        while (System.nanoTime() < deadline) {
            if (nowPlaying == null || nowPlaying.isInputClosed()) {
                nowPlaying = subscribe(random);
            }
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
            } else if (dice < 96) {
                path = "/api/fail";
            } else if (dice < 98) {
                path = "/api/live?seconds=" + (2 + random.nextInt(8));
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
        if (nowPlaying != null) {
            nowPlaying.sendClose(java.net.http.WebSocket.NORMAL_CLOSURE, "done");
        }
    }

    /** Listens to a "now playing" channel (WebSocket) while browsing; now and then says "ping" or leaves. */
    private java.net.http.WebSocket subscribe(ThreadLocalRandom random) {
        String channel = new String[] {"jazz", "rock", "classical"}[random.nextInt(3)];
        try {
            return client.newWebSocketBuilder()
                    .buildAsync(URI.create(base.replace("http", "ws") + "/ws/now-playing/" + channel),
                            new java.net.http.WebSocket.Listener() {
                                @Override
                                public java.util.concurrent.CompletionStage<?> onText(java.net.http.WebSocket ws,
                                        CharSequence data, boolean last) {
                                    ws.request(1);
                                    if (ThreadLocalRandom.current().nextInt(10) == 0) ws.sendText("ping", true);
                                    if (ThreadLocalRandom.current().nextInt(20) == 0) {
                                        ws.sendClose(java.net.http.WebSocket.NORMAL_CLOSURE, "switching channel");
                                    }
                                    return null;
                                }
                            })
                    .get(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            return null;
        }
    }
}

package io.healthagent.monitor;

import io.healthagent.bootstrap.AgentErrors;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Hands each snapshot to every subscriber, each on its own daemon thread behind a queue of
 * {@value #QUEUE} snapshots (the oldest is dropped when it is full). {@link #publish} never blocks.
 */
public final class SnapshotPublisher {
    static final int QUEUE = 4;

    private static final class Lane {
        final SnapshotSubscriber subscriber;
        final ThreadPoolExecutor executor;
        final String site;

        Lane(SnapshotSubscriber subscriber) {
            this.subscriber = subscriber;
            this.site = "subscriber." + subscriber.name();
            this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUE), r -> {
                Thread t = new Thread(r, "health-agent-" + subscriber.name());
                t.setDaemon(true);
                return t;
            }, new ThreadPoolExecutor.DiscardOldestPolicy());
            AgentErrors.register(site);
        }
    }

    private final List<Lane> lanes = new ArrayList<>();

    public SnapshotPublisher(List<SnapshotSubscriber> subscribers) {
        for (SnapshotSubscriber s : subscribers) {
            lanes.add(new Lane(s));
        }
    }

    public void publish(HealthSnapshot snapshot) {
        for (Lane lane : lanes) {
            try {
                lane.executor.execute(() -> {
                    try {
                        lane.subscriber.onSnapshot(snapshot);
                    } catch (Throwable t) {
                        AgentErrors.record(lane.site, t);
                    }
                });
            } catch (Throwable t) { // shut down
                AgentErrors.record(lane.site, t);
            }
        }
    }

    public void stop() {
        for (Lane lane : lanes) {
            lane.executor.shutdownNow();
        }
    }
}

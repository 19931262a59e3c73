package io.healthagent.monitor;

/**
 * Receives every published snapshot: the alert engine, the history store, JMX and notifiers are
 * subscribers. Each runs on its own thread behind its own bounded queue ({@link SnapshotPublisher}), so a
 * slow or failing subscriber never delays the snapshot or the other subscribers. When it falls behind,
 * the oldest snapshots it has not taken yet are dropped: each snapshot is a complete state.
 */
public interface SnapshotSubscriber {
    /** Short name for its thread, its error site ({@code subscriber.NAME}) and logs. */
    String name();

    void onSnapshot(HealthSnapshot snapshot) throws Exception;
}

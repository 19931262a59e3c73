package io.healthagent.alerts;

import io.healthagent.model.AlertSeverity;

/** One alert rule for one component: what it reads, and how it says it. */
interface Rule {
    /** The figure, the level it would raise or escalate to, and the level it holds given the clear margin. */
    final class Reading {
        /** The highest level the value is above (null: none). */
        final AlertSeverity up;
        /** The highest level at or below the current one that the value has not cleared (null: none). */
        final AlertSeverity hold;
        final double value;

        Reading(AlertSeverity up, AlertSeverity hold, double value) {
            this.up = up;
            this.hold = hold;
            this.value = value;
        }
    }

    /** {@code COMPONENT:RULE}, stable. */
    String id();

    /** The part of {@link #id} before its rule's name. */
    default String component() {
        String id = id();
        return id.substring(0, id.lastIndexOf(':'));
    }

    /**
     * True when the condition carries its own delay (a run of failures), so raising needs no hold; most
     * conditions must hold for alert.for first.
     */
    default boolean raisesAtOnce() {
        return false;
    }

    /** The reading of this snapshot, or null when there is nothing to judge. */
    Reading read(AlertEngine.Inputs in, double clearMargin, AlertSeverity current);

    /** What and how much: "Error rate 12.3% over the last minute". */
    String describe(double value);

    /** The level's condition: "above 10%". */
    String limit(AlertSeverity level);

    /** When a level clears: "Warning clears below 4.5%". */
    String clearsWhen(AlertSeverity level, double clearMargin);
}

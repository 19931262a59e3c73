package io.healthagent.jmx;

import io.healthagent.model.AlertTransition;
import io.healthagent.model.HealthAlert;
import io.healthagent.model.HealthCheck;
import io.healthagent.notify.Notice;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.CompositeDataSupport;
import javax.management.openmbean.CompositeType;
import javax.management.openmbean.OpenDataException;
import javax.management.openmbean.OpenType;
import javax.management.openmbean.SimpleType;
import javax.management.openmbean.TabularDataSupport;
import javax.management.openmbean.TabularType;

/** The open types of the agent's MBeans: what any JMX client reads without the agent's classes. */
final class OpenData {
    private static final String[] ALERT_ITEMS = {"id", "severity", "component", "message", "since"};
    private static final String[] CHECK_ITEMS = {"name", "status", "message", "duration_ms", "failure_count"};
    private static final String[] NOTICE_ITEMS = {"id", "severity", "component", "message", "since", "resolved",
            "from", "to", "value", "at"};
    static final CompositeType ALERT;
    static final CompositeType CHECK;
    static final CompositeType NOTICE;
    private static final TabularType ALERTS;
    private static final TabularType CHECKS;

    static {
        try {
            ALERT = new CompositeType("io.healthagent.Alert", "An active alert", ALERT_ITEMS,
                    new String[] {"COMPONENT:RULE", "Info, Warning, Critical or Emergency", "what it concerns",
                            "what, how much, against which threshold, since when", "raised at, Unix seconds"},
                    new OpenType<?>[] {SimpleType.STRING, SimpleType.STRING, SimpleType.STRING, SimpleType.STRING,
                            SimpleType.LONG});
            CHECK = new CompositeType("io.healthagent.Check", "A check's latest result", CHECK_ITEMS,
                    new String[] {"the check's name", "pass, warn or fail", "what it found", "the last run's duration",
                            "consecutive failures"},
                    new OpenType<?>[] {SimpleType.STRING, SimpleType.STRING, SimpleType.STRING, SimpleType.LONG,
                            SimpleType.INTEGER});
            NOTICE = new CompositeType("io.healthagent.AlertTransition", "An alert and the transition told",
                    NOTICE_ITEMS,
                    new String[] {"COMPONENT:RULE", "its severity now", "what it concerns", "its message",
                            "raised at, Unix seconds", "whether it is resolved", "the level before (empty when raised)",
                            "the level after (Resolved when resolved)", "the value that moved it", "when, Unix seconds"},
                    new OpenType<?>[] {SimpleType.STRING, SimpleType.STRING, SimpleType.STRING, SimpleType.STRING,
                            SimpleType.LONG, SimpleType.BOOLEAN, SimpleType.STRING, SimpleType.STRING,
                            SimpleType.DOUBLE, SimpleType.LONG});
            ALERTS = new TabularType("io.healthagent.Alerts", "Active alerts, by id", ALERT, new String[] {"id"});
            CHECKS = new TabularType("io.healthagent.Checks", "Checks, by name", CHECK, new String[] {"name"});
        } catch (OpenDataException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private OpenData() {
    }

    static TabularDataSupport alertTable() {
        return new TabularDataSupport(ALERTS);
    }

    static TabularDataSupport checkTable() {
        return new TabularDataSupport(CHECKS);
    }

    static CompositeData alertRow(HealthAlert a) {
        return composite(ALERT, ALERT_ITEMS, a.id, a.severity.wire(), a.component, a.message, a.timestamp);
    }

    static CompositeData checkRow(HealthCheck c) {
        return composite(CHECK, CHECK_ITEMS, c.name, c.status.wire(), c.message, c.duration_ms, c.failure_count);
    }

    static CompositeData notice(Notice n) {
        AlertTransition t = n.transition;
        return composite(NOTICE, NOTICE_ITEMS, n.alert.id, n.alert.severity.wire(), n.alert.component,
                n.alert.message, n.alert.timestamp, n.alert.resolved, t.from == null ? "" : t.from, t.to,
                t.value == null ? Double.NaN : t.value, t.at);
    }

    private static CompositeData composite(CompositeType type, String[] names, Object... values) {
        try {
            return new CompositeDataSupport(type, names, values);
        } catch (OpenDataException e) {
            throw new IllegalStateException(e);
        }
    }
}

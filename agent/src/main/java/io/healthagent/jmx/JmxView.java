package io.healthagent.jmx;

import io.healthagent.AgentLog;
import io.healthagent.config.OptionTable;
import io.healthagent.config.Options;
import io.healthagent.model.HealthCheck;
import io.healthagent.model.RouteFigures;
import io.healthagent.model.ServiceStatus;
import io.healthagent.monitor.CheckRuns;
import io.healthagent.monitor.HealthSnapshot;
import io.healthagent.monitor.SnapshotSubscriber;
import io.healthagent.notify.AlertNotifier;
import io.healthagent.notify.Channel;
import io.healthagent.notify.Notice;
import io.healthagent.store.HistoryStore;
import java.lang.management.ManagementFactory;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.Notification;
import javax.management.ObjectName;
import javax.management.StandardEmitterMBean;

/**
 * The JMX view: MXBeans under {@code io.healthagent} in the platform MBean server, fed from published
 * snapshots (a subscriber: nothing runs on a request thread, and a bean's getter only reads the latest
 * snapshot), and the notifications of {@code io.healthagent:type=Health}: one per alert transition and one per
 * status change.
 */
public final class JmxView implements SnapshotSubscriber {
    static final String DOMAIN = "io.healthagent";

    private final MBeanServer server;
    private final HealthBean health;
    private final AlertNotifier transitions;
    private final AtomicLong notificationSequence = new AtomicLong();
    private volatile HealthSnapshot latest;
    private volatile CheckRuns runs;
    /** The subscriber's thread only. */
    private final Set<String> checkBeans = new HashSet<>();
    private final Set<String> routeBeans = new HashSet<>();
    private ServiceStatus lastStatus;

    private JmxView(MBeanServer server, HistoryStore store, long intervalMillis) {
        this.server = server;
        this.health = new HealthBean(this, store, intervalMillis);
        this.transitions = AlertNotifier.transitionsOnly(new NotificationChannel(), System.currentTimeMillis());
    }

    /** Registers {@code io.healthagent:type=Health}, or logs one line and returns null (the agent runs on without JMX). */
    public static JmxView register(Options options, HistoryStore store) {
        if (!options.get(OptionTable.JMX_ENABLED)) return null;
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            JmxView view = new JmxView(server, store, options.get(OptionTable.CHECK_INTERVAL).toMillis());
            server.registerMBean(new StandardEmitterMBean(view.health, HealthMBean.class, false, view.health),
                    name("Health", null));
            return view;
        } catch (Exception e) {
            AgentLog.warn("JMX view not registered (" + AgentLog.describe(e) + "); the endpoints are unaffected");
            return null;
        }
    }

    /** The on-demand runs {@code runChecks()} shares with {@code POST /health/checks/run}. */
    public void useRuns(CheckRuns runs) {
        this.runs = runs;
    }

    HealthSnapshot latest() {
        return latest;
    }

    CheckRuns runs() {
        return runs;
    }

    @Override
    public String name() {
        return "jmx";
    }

    @Override
    public void onSnapshot(HealthSnapshot snapshot) throws Exception {
        latest = snapshot;
        for (HealthCheck c : snapshot.report.checks.values()) {
            if (checkBeans.add(c.name)) server.registerMBean(new CheckBean(this, c.name), name("Check", c.name));
        }
        Set<String> routes = new HashSet<>();
        for (RouteFigures r : snapshot.report.routes) {
            routes.add(r.route);
            if (routeBeans.add(r.route)) server.registerMBean(new RouteBean(this, r.route), name("Route", r.route));
        }
        // A check that left (an application's, withdrawn or undeployed) and a route retired into "other" go too.
        unregisterGone("Check", checkBeans, snapshot.report.checks.keySet());
        unregisterGone("Route", routeBeans, routes);
        ServiceStatus status = snapshot.report.status;
        if (lastStatus != null && status != lastStatus) {
            Notification n = new Notification("health.status.changed", name("Health", null),
                    notificationSequence.incrementAndGet(), snapshot.takenAtMillis,
                    "status " + lastStatus.wire() + " -> " + status.wire());
            n.setUserData(status.wire());
            health.sendNotification(n);
        }
        lastStatus = status;
        transitions.onSnapshot(snapshot);
    }

    private void unregisterGone(String type, Set<String> registered, Set<String> present) throws Exception {
        for (Iterator<String> it = registered.iterator(); it.hasNext(); ) {
            String name = it.next();
            if (present.contains(name)) continue;
            it.remove();
            ObjectName bean = name(type, name);
            if (server.isRegistered(bean)) server.unregisterMBean(bean);
        }
    }

    /** {@code io.healthagent:type=TYPE[,name=NAME]}, the name as it is, quoted only where ObjectName requires it. */
    static ObjectName name(String type, String name) throws MalformedObjectNameException {
        if (name == null) return new ObjectName(DOMAIN + ":type=" + type);
        boolean plain = !name.isEmpty() && name.chars().noneMatch(ch -> ",=:\"*?\\\n".indexOf(ch) >= 0);
        return new ObjectName(DOMAIN + ":type=" + type + ",name=" + (plain ? name : ObjectName.quote(name)));
    }

    /** Alert transitions as notifications of the Health bean (no reminders: JMX clients keep the state). */
    private final class NotificationChannel implements Channel {
        @Override
        public String name() {
            return "jmx";
        }

        @Override
        public void deliver(List<Notice> notices, List<io.healthagent.model.AlertHistoryEntry> history, long nowMillis) {
            for (Notice notice : notices) {
                if (notice.kind == Notice.Kind.REMINDER) continue;
                String type = "health.alert." + (notice.kind == Notice.Kind.DEESCALATED ? "deescalated" : notice.kind.wire());
                try {
                    Notification n = new Notification(type, JmxView.name("Health", null), notificationSequence.incrementAndGet(),
                            nowMillis, notice.line());
                    n.setUserData(OpenData.notice(notice));
                    health.sendNotification(n);
                } catch (MalformedObjectNameException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }
}

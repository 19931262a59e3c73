package io.healthagent;

import io.healthagent.bootstrap.AgentErrors;
import io.healthagent.bootstrap.AppCheckBridge;
import io.healthagent.checks.app.AppChecks;
import io.healthagent.checks.Check;
import io.healthagent.checks.DependencyChecks;
import io.healthagent.checks.HostResources;
import io.healthagent.checks.Secrets;
import io.healthagent.checks.SystemChecks;
import io.healthagent.config.OptionTable;
import io.healthagent.config.Options;
import io.healthagent.config.OptionsLoader;
import io.healthagent.http.HealthHttpServer;
import io.healthagent.instrumentation.AgentInstaller;
import io.healthagent.instrumentation.InstrumentationModules;
import io.healthagent.jmx.JmxView;
import io.healthagent.metrics.Measurements;
import io.healthagent.monitor.CheckRuns;
import io.healthagent.monitor.Clock;
import io.healthagent.monitor.HealthMonitor;
import io.healthagent.monitor.ServiceInfo;
import io.healthagent.monitor.SnapshotSubscriber;
import io.healthagent.notify.AlertNotifier;
import io.healthagent.notify.Instance;
import io.healthagent.store.HistoryStore;
import java.lang.instrument.Instrumentation;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The agent proper, loaded in its isolated class loader by the launcher, on the launcher's own thread once
 * the host has started: options, instrumentation, the monitor and the HTTP port, in that order.
 */
public final class Agent {
    private Agent() {
    }

    public static void start(String agentArgs, Instrumentation inst, boolean attached) {
        Options options;
        Secrets secrets;
        Measurements metrics;
        try {
            options = OptionsLoader.load(agentArgs, System.getProperties(), System.getenv());
            for (String problem : options.problems) {
                AgentLog.warn(problem);
            }
            if (!options.get(OptionTable.ENABLED)) {
                AgentLog.info("disabled (enabled=false); nothing is instrumented");
                return;
            }
            secrets = DependencyChecks.secretsOf(options);
            AgentErrors.logTo(line -> System.err.println(secrets.scrub(line)));
            metrics = new Measurements(options.get(OptionTable.ROUTES)).installBridges();
            metrics.requests.apdexThreshold(options.get(OptionTable.APDEX_T));
        } catch (Throwable t) {
            AgentLog.error("could not start: " + AgentLog.describe(t) + "; the application runs without it");
            return;
        }
        startMeasuring(options, secrets, metrics, inst, attached);
    }

    private static void startMeasuring(Options options, Secrets secrets, Measurements metrics,
                                       Instrumentation inst, boolean attached) {
        try {
            int instrumented = AgentInstaller.install(inst, InstrumentationModules.ALL);
            if (attached) {
                AgentLog.info("attached; " + instrumented + " loaded classes instrumented");
            }
        } catch (Throwable t) {
            AgentLog.error("could not instrument: " + AgentLog.describe(t) + "; requests are not measured");
        }
        try {
            ServiceInfo service = ServiceInfo.detect(options.get(OptionTable.SERVICE_NAME), options.get(OptionTable.SERVICE_VERSION));
            Path disk = options.watchedDisk();
            List<Check> checks = new ArrayList<>(SystemChecks.create(HostResources.forThisMachine(), disk,
                    options.thresholds(), options.get(OptionTable.CPU_THROTTLED_WARNING)));
            checks.addAll(DependencyChecks.from(options, metrics.websockets));
            AppChecks appChecks = null;
            if (options.get(OptionTable.APP_CHECKS_ENABLED)) {
                List<String> names = new ArrayList<>();
                for (Check c : checks) names.add(c.name());
                appChecks = new AppChecks(names, AppChecks.patterns(options.get(OptionTable.APP_CHECKS_INCLUDE),
                        options.get(OptionTable.APP_CHECKS_EXCLUDE)), options.get(OptionTable.APP_CHECKS_INCLUDE_BUILTIN));
                AppCheckBridge.install(appChecks);
            }
            Instance instance = new Instance(options.get(OptionTable.SERVICE_INSTANCE), options.get(OptionTable.PORT_NUMBER));
            int port = options.get(OptionTable.PORT_NUMBER);
            HistoryStore store = new HistoryStore(Paths.get(options.get(OptionTable.STORE_PATH)), options.get(OptionTable.STORE_MAX_SIZE),
                    service.name, instance::get, port > 0 ? String.valueOf(port) : "pid" + ProcessHandle.current().pid());
            if (store.open()) {
                metrics.requests.restoreErrors(store.restoreErrors(System.currentTimeMillis() / 1000));
            }
            AlertNotifier notifier = AlertNotifier.from(options, service.name, instance, secrets);
            List<SnapshotSubscriber> subscribers = new ArrayList<>(Arrays.asList(notifier, store));
            JmxView jmx = JmxView.register(options, store);
            if (jmx != null) subscribers.add(jmx);
            HealthMonitor monitor = new HealthMonitor(options, metrics, service, checks, secrets, subscribers,
                    Clock.SYSTEM, null, store::status, notifier::statuses);
            if (appChecks != null) monitor.watch(appChecks);
            monitor.restoreAlerts(store.restoreAlerts(1000));
            monitor.seedAnalysis(store);
            monitor.start();
            CheckRuns runs = new CheckRuns(monitor, options.get(OptionTable.RUN_MIN_INTERVAL).toMillis());
            if (jmx != null) jmx.useRuns(runs);
            if (options.httpEnabled()) {
                HealthHttpServer server = HealthHttpServer.start(options, monitor, store, runs);
                if (server != null) {
                    instance.bound(server.port());
                    // Where `attach` and `status` find the endpoints of this JVM's agent.
                    System.setProperty("io.healthagent.port", String.valueOf(server.port()));
                }
            }
        } catch (Throwable t) {
            AgentLog.error("could not start the monitor: " + AgentLog.describe(t) + "; requests are still measured");
        }
    }
}

package io.healthagent.checks;

import io.healthagent.AgentLog;
import io.healthagent.bootstrap.AppCheckBridge;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The application's own checks, as the framework modules find them (see {@link AppCheckBridge}): each becomes
 * an {@link AppCheck} the monitor schedules like any other. Named as the framework names it; a name another
 * check already has gets its source as a prefix ({@code dropwizard.database}). A check registered again under
 * its name replaces the old one; one withdrawn, or whose application is gone, leaves.
 *
 * <p>Called from the application's threads (as it registers), read by the monitor's ({@link #takeChanges}).
 */
public final class AppChecks implements AppCheckBridge.Sink {
    /** What changed since the monitor last asked: checks to add, names to remove. */
    public static final class Changes {
        public final List<AppCheck> added;
        public final List<String> removed;

        Changes(List<AppCheck> added, List<String> removed) {
            this.added = added;
            this.removed = removed;
        }

        public boolean isEmpty() {
            return added.isEmpty() && removed.isEmpty();
        }
    }

    private final Set<String> agentChecks;
    private final Predicate<String> wanted;
    /** By source and declared name. */
    private final Map<String, AppCheck> current = new HashMap<>();
    private List<AppCheck> added = new ArrayList<>();
    private List<String> removed = new ArrayList<>();
    /** Containers (registries) already read, held weakly: an undeployed application's go with it. */
    private final Set<Object> containers = java.util.Collections.newSetFromMap(new java.util.WeakHashMap<>());

    /**
     * @param agentChecks the names of the agent's own checks (system and dependency), which keep their names
     * @param wanted      whether a declared name is run (app_checks.include / app_checks.exclude)
     */
    public AppChecks(Collection<String> agentChecks, Predicate<String> wanted) {
        this.agentChecks = new HashSet<>(agentChecks);
        this.wanted = wanted;
    }

    @Override
    public synchronized void offer(String source, String name, Object check) {
        if (!wanted.test(name)) return;
        String key = source + ":" + name;
        AppCheck old = current.get(key);
        if (old != null && !old.gone() && old.isFor(check)) return; // the same object again
        String agentName = old != null ? old.name() : nameFor(source, name);
        AppCheck made;
        try {
            made = create(source, agentName, name, check);
        } catch (ReflectiveOperationException | RuntimeException e) {
            AgentLog.warn("application check " + name + " (" + source + ") cannot be run: " + AgentLog.describe(e));
            return;
        }
        if (old != null) removed.add(old.name());
        current.put(key, made);
        added.add(made);
        if (old == null) AgentLog.info("application check " + agentName + " (" + source + ") found; the agent runs it");
    }

    @Override
    public void sawContainer(String source, Object container) {
        synchronized (this) {
            if (!containers.add(container)) return; // read once; later registrations arrive one by one
        }
        Map<String, Object> held;
        try {
            held = ContainerReaders.checksIn(source, container);
        } catch (ReflectiveOperationException | RuntimeException e) {
            AgentLog.warn("the application's " + source + " checks cannot be read: " + AgentLog.describe(e));
            return;
        }
        for (Map.Entry<String, Object> e : held.entrySet()) offer(source, e.getKey(), e.getValue());
    }

    @Override
    public synchronized void withdraw(String source, String name) {
        AppCheck old = current.remove(source + ":" + name);
        if (old != null) removed.add(old.name());
    }

    /** The checks found and gone since the last call (the monitor's thread). */
    public synchronized Changes takeChanges() {
        for (java.util.Iterator<AppCheck> it = current.values().iterator(); it.hasNext(); ) {
            AppCheck c = it.next();
            if (c.gone()) { // its application was undeployed and collected
                it.remove();
                removed.add(c.name());
            }
        }
        Changes out = new Changes(added, removed);
        if (!out.isEmpty()) {
            added = new ArrayList<>();
            removed = new ArrayList<>();
        }
        return out;
    }

    /** app_checks.include and app_checks.exclude: a name is run when it matches an include (or there is none) and no exclude. */
    public static Predicate<String> patterns(Set<String> include, Set<String> exclude) {
        List<java.util.regex.Pattern> in = compile(include);
        List<java.util.regex.Pattern> out = compile(exclude);
        return name -> (in.isEmpty() || in.stream().anyMatch(p -> p.matcher(name).matches()))
                && out.stream().noneMatch(p -> p.matcher(name).matches());
    }

    private static List<java.util.regex.Pattern> compile(Set<String> globs) {
        List<java.util.regex.Pattern> out = new ArrayList<>();
        for (String g : globs) {
            StringBuilder re = new StringBuilder();
            for (String part : g.split("\\*", -1)) {
                if (re.length() > 0 || g.startsWith("*")) re.append(".*");
                re.append(java.util.regex.Pattern.quote(part));
            }
            out.add(java.util.regex.Pattern.compile(re.toString()));
        }
        return out;
    }

    private String nameFor(String source, String name) {
        boolean taken = agentChecks.contains(name);
        for (AppCheck c : current.values()) taken |= c.name().equals(name);
        return taken ? source + "." + name : name;
    }

    private static AppCheck create(String source, String agentName, String name, Object check)
            throws ReflectiveOperationException {
        switch (source) {
            case "dropwizard":
                return new DropwizardCheck(agentName, name, check);
            default:
                throw new IllegalArgumentException("no checks of " + source);
        }
    }
}

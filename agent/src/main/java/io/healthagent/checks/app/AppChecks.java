package io.healthagent.checks.app;

import io.healthagent.AgentLog;
import io.healthagent.bootstrap.AppCheckBridge;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The application's own checks, as the framework modules find them (see {@link AppCheckBridge}): each becomes
 * an {@link AppCheck} the monitor schedules like any other. Named as the framework names it; a name another
 * check already has gets its source as a prefix ({@code dropwizard.database}). A check registered again under
 * its name replaces the old one; one withdrawn, or whose application is gone, leaves.
 *
 * <p>Called from the application's threads (as it registers), read by the monitor's ({@link #takeChanges}).
 * The framework's objects are read by reflection ({@link Framework}); an application context seen on a request
 * is read on the monitor's thread, never the request's.
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
    private final boolean includeBuiltin;
    /** By source and declared name. */
    private final Map<String, AppCheck> current = new HashMap<>();
    private List<AppCheck> added = new ArrayList<>();
    private List<String> removed = new ArrayList<>();
    /** Containers (registries), contexts and run checks already read, held weakly: an undeployed application's go with it. */
    private final Set<Object> seen = Collections.newSetFromMap(new WeakHashMap<>());
    /** Application contexts seen on a request, read at the monitor's next pass. */
    private final List<Object[]> contexts = new ArrayList<>();
    /** Probe membership by source, once an application context said it. */
    private final Map<String, Framework.Membership> memberships = new HashMap<>();

    /**
     * @param agentChecks    the names of the agent's own checks (system and dependency), which keep their names
     * @param wanted         whether a declared name is run (app_checks.include / app_checks.exclude)
     * @param includeBuiltin whether a framework's own checks (Actuator's disk space, ping...) are run too
     */
    public AppChecks(Collection<String> agentChecks, Predicate<String> wanted, boolean includeBuiltin) {
        this.agentChecks = new HashSet<>(agentChecks);
        this.wanted = wanted;
        this.includeBuiltin = includeBuiltin;
    }

    @Override
    public void offer(String source, String name, Object check) {
        Framework framework = Frameworks.of(source);
        Object own;
        try {
            own = framework.unwrap(check);
            if (!includeBuiltin && framework.builtin(own)) return;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            AgentLog.warn("application check " + name + " (" + source + ") cannot be read: " + AgentLog.describe(e));
            return;
        }
        add(framework, name, own, true);
    }

    private synchronized void add(Framework framework, String name, Object check, boolean replace) {
        if (!wanted.test(name)) return;
        String source = framework.source();
        String key = source + ":" + name;
        AppCheck old = current.get(key);
        if (old != null && !old.gone() && (old.isFor(check) || !replace)) return; // the same object again
        String agentName = old != null ? old.name() : nameFor(source, name);
        AppCheck made;
        try {
            made = framework.create(agentName, name, check);
            mark(made, memberships.get(source));
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            AgentLog.warn("application check " + name + " (" + source + ") cannot be run: " + AgentLog.describe(e));
            return;
        }
        if (old != null) removed.add(old.name());
        current.put(key, made);
        added.add(made);
        if (old == null) {
            AgentLog.info("application check " + agentName + " (" + source + ") found; the agent runs it"
                    + (made.forReadiness() ? "; it counts for readiness" : ""));
        }
    }

    /** The framework's run of a check answered {@code result}, which names it (MicroProfile): a check not known yet joins. */
    @Override
    public void ran(String source, Object check, Object result) {
        synchronized (this) {
            if (!seen.add(check)) return; // each run after the first (the agent's own runs too) ends here
        }
        Framework framework = Frameworks.of(source);
        String name;
        try {
            name = framework.nameIn(result);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            AgentLog.warn("the application's " + source + " check " + check.getClass().getName() + " cannot be read: "
                    + AgentLog.describe(e));
            return;
        }
        if (name != null) add(framework, name, check, false); // a container's proxy around it answers the same name
    }

    @Override
    public void sawContainer(String source, Object container) {
        synchronized (this) {
            if (!seen.add(container)) return; // read once; later registrations arrive one by one
        }
        readContainer(Frameworks.of(source), container);
    }

    private void readContainer(Framework framework, Object container) {
        Map<String, Object> held;
        try {
            held = framework.checksIn(container);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            AgentLog.warn("the application's " + framework.source() + " checks cannot be read: " + AgentLog.describe(e));
            return;
        }
        for (Map.Entry<String, Object> e : held.entrySet()) offer(framework.source(), e.getKey(), e.getValue());
    }

    @Override
    public boolean sawApplication(String source, Object holder) {
        Object context;
        try {
            context = Frameworks.of(source).contextOf(holder);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            AgentLog.warn("the application's " + source + " context cannot be read: " + AgentLog.describe(e));
            return true;
        }
        if (context == null) return false;
        synchronized (this) {
            if (seen.add(context)) contexts.add(new Object[] {source, context});
        }
        return true;
    }

    /** Reads the contexts seen since the last pass (the monitor's thread): their registries and probe groups. */
    private void readContexts() {
        List<Object[]> pending;
        synchronized (this) {
            if (contexts.isEmpty()) return;
            pending = new ArrayList<>(contexts);
            contexts.clear();
        }
        for (Object[] p : pending) {
            Framework framework = Frameworks.of((String) p[0]);
            Framework.Context found;
            try {
                found = framework.read(p[1]);
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                AgentLog.warn("the application's " + framework.source() + " context cannot be read: " + AgentLog.describe(e));
                continue;
            }
            if (found.membership != null) {
                synchronized (this) {
                    memberships.put(framework.source(), found.membership);
                    for (AppCheck c : current.values()) {
                        if (c.source().equals(framework.source())) mark(c, found.membership);
                    }
                }
            }
            for (Object container : found.containers) sawContainer(framework.source(), container);
        }
    }

    private static void mark(AppCheck check, Framework.Membership membership) {
        if (membership == null) return;
        try {
            check.markProbes(membership.readiness(check.declaredName()), membership.liveness(check.declaredName()));
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            AgentLog.warn("the probes of application check " + check.name() + " cannot be read: " + AgentLog.describe(e));
        }
    }

    @Override
    public synchronized void withdraw(String source, String name) {
        AppCheck old = current.remove(source + ":" + name);
        if (old != null) removed.add(old.name());
    }

    /** The checks found and gone since the last call (the monitor's thread). */
    public Changes takeChanges() {
        readContexts();
        synchronized (this) {
            for (Iterator<AppCheck> it = current.values().iterator(); it.hasNext(); ) {
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
    }

    /** app_checks.include and app_checks.exclude: a name is run when it matches an include (or there is none) and no exclude. */
    public static Predicate<String> patterns(Set<String> include, Set<String> exclude) {
        List<Pattern> in = compile(include);
        List<Pattern> out = compile(exclude);
        return name -> (in.isEmpty() || in.stream().anyMatch(p -> p.matcher(name).matches()))
                && out.stream().noneMatch(p -> p.matcher(name).matches());
    }

    private static List<Pattern> compile(Set<String> globs) {
        List<Pattern> out = new ArrayList<>();
        for (String g : globs) {
            StringBuilder re = new StringBuilder();
            for (String part : g.split("\\*", -1)) {
                if (re.length() > 0 || g.startsWith("*")) re.append(".*");
                re.append(Pattern.quote(part));
            }
            out.add(Pattern.compile(re.toString()));
        }
        return out;
    }

    private String nameFor(String source, String name) {
        boolean taken = agentChecks.contains(name);
        for (AppCheck c : current.values()) taken |= c.name().equals(name);
        return taken ? source + "." + name : name;
    }
}

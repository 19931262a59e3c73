package io.healthagent.checks.app;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Actuator's health API as one application's class loader has it, looked up once per loader: the types and
 * methods the agent reads contributors with. Two layouts: Boot 2.2 to 3.x keep it in
 * {@code org.springframework.boot.actuate.health}, one registry holding every contributor; Boot 4 moved it to
 * {@code org.springframework.boot.health.*} (contributor, registry, actuate.endpoint), with a second registry
 * for the reactive contributors. The application's Actuator is its own, never the agent's.
 */
final class ActuatorApi {
    private static final String BOOT3 = "org.springframework.boot.actuate.health.";
    private static final String BOOT4 = "org.springframework.boot.health.";
    private static final String BOOT = "org.springframework.boot.";
    private static final Map<ClassLoader, ActuatorApi> BY_LOADER = Collections.synchronizedMap(new WeakHashMap<>());

    final Class<?> contributor;
    final Class<?> reactiveContributor;
    /** The registries an application context holds, whose contributors together are the application's. */
    final List<Class<?>> registries;
    final Class<?> indicator;
    final Class<?> reactiveIndicator;
    final Method health;
    final Method reactiveHealth;
    /** {@code Mono.block()}, and a reactive indicator's {@code health()}: null without Reactor. */
    final Method block;
    final Method getStatus;
    final Method getDetails;
    final Method getCode;
    /** Actuator's health groups ({@code HealthEndpointGroups}), and a group's {@code isMember(name)}. */
    final Class<?> groups;
    final Method isMember;
    /** How a composite's (or a registry's) entries are read: one kind on Boot 3, a blocking and a reactive on Boot 4. */
    private final List<Entries> entries;

    /** A kind of composite, and its entries' name and contributor. */
    private static final class Entries {
        final Class<?> composite;
        final Method name;
        final Method contributor;

        Entries(Class<?> composite, Class<?> entry, String name, String contributor) throws NoSuchMethodException {
            this.composite = composite;
            this.name = entry.getMethod(name);
            this.contributor = entry.getMethod(contributor);
        }
    }

    private ActuatorApi(ClassLoader loader, boolean boot4) throws ReflectiveOperationException {
        String types = boot4 ? BOOT4 + "contributor." : BOOT3;
        contributor = Class.forName(types + "HealthContributor", false, loader);
        reactiveContributor = Class.forName(types + "ReactiveHealthContributor", false, loader);
        indicator = Class.forName(types + "HealthIndicator", false, loader);
        reactiveIndicator = Class.forName(types + "ReactiveHealthIndicator", false, loader);
        health = indicator.getMethod("health");
        // Without Reactor (a Spring MVC application usually has none) a reactive indicator's health() cannot
        // even be looked up (it returns a Mono), and there is no reactive indicator to run.
        Method monoBlock = null;
        Method reactive = null;
        try {
            monoBlock = Class.forName("reactor.core.publisher.Mono", false, loader).getMethod("block");
            reactive = reactiveIndicator.getMethod("health");
        } catch (ClassNotFoundException e) {
            // no Reactor
        }
        block = monoBlock;
        reactiveHealth = reactive;
        Class<?> healthType = Class.forName(types + "Health", false, loader);
        getStatus = healthType.getMethod("getStatus");
        getDetails = healthType.getMethod("getDetails");
        getCode = Class.forName(types + "Status", false, loader).getMethod("getCode");
        String endpoint = boot4 ? BOOT4 + "actuate.endpoint." : BOOT3;
        groups = Class.forName(endpoint + "HealthEndpointGroups", false, loader);
        isMember = Class.forName(endpoint + "HealthEndpointGroup", false, loader).getMethod("isMember", String.class);
        if (boot4) {
            String registry = BOOT4 + "registry.";
            registries = Arrays.asList(Class.forName(registry + "HealthContributorRegistry", false, loader),
                    Class.forName(registry + "ReactiveHealthContributorRegistry", false, loader));
            entries = Arrays.asList(boot4Entries(types + "HealthContributors", loader),
                    boot4Entries(types + "ReactiveHealthContributors", loader));
        } else {
            registries = Collections.singletonList(Class.forName(BOOT3 + "HealthContributorRegistry", false, loader));
            entries = Collections.singletonList(new Entries(Class.forName(BOOT3 + "NamedContributors", false, loader),
                    Class.forName(BOOT3 + "NamedContributor", false, loader), "getName", "getContributor"));
        }
    }

    private static Entries boot4Entries(String composite, ClassLoader loader) throws ReflectiveOperationException {
        return new Entries(Class.forName(composite, false, loader), Class.forName(composite + "$Entry", false, loader),
                "name", "contributor");
    }

    /** The API as {@code object}'s class loader sees it. */
    static ActuatorApi of(Object object) throws ReflectiveOperationException {
        ActuatorApi api = in(object.getClass().getClassLoader());
        if (api == null) throw new ClassNotFoundException(BOOT3 + "HealthContributor or " + BOOT4 + "contributor.HealthContributor");
        return api;
    }

    /** The API {@code loader} has, or null when it has no Actuator. */
    static ActuatorApi in(ClassLoader loader) throws ReflectiveOperationException {
        ActuatorApi api = BY_LOADER.get(loader);
        if (api == null) {
            api = load(loader);
            if (api == null) return null;
            BY_LOADER.put(loader, api);
        }
        return api;
    }

    private static ActuatorApi load(ClassLoader loader) throws ReflectiveOperationException {
        if (has(BOOT3 + "HealthContributor", loader)) return new ActuatorApi(loader, false);
        if (has(BOOT4 + "contributor.HealthContributor", loader)) return new ActuatorApi(loader, true);
        return null;
    }

    private static boolean has(String type, ClassLoader loader) {
        try {
            Class.forName(type, false, loader);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /** Boot's adapters (reactive to blocking and back, for an indicator or a composite) hold the application's object in their one contributor field. */
    static Object unwrap(Object check) throws ReflectiveOperationException {
        for (int depth = 0; depth < 4 && check.getClass().getName().startsWith(BOOT); depth++) {
            Object inner = of(check).wrapped(check);
            if (inner == null) break;
            check = inner;
        }
        return check;
    }

    private Object wrapped(Object adapter) throws ReflectiveOperationException {
        for (Field f : adapter.getClass().getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers())) continue;
            if (contributor.isAssignableFrom(f.getType()) || reactiveContributor.isAssignableFrom(f.getType())) {
                f.setAccessible(true);
                return f.get(adapter);
            }
        }
        return null;
    }

    static boolean isBoots(Object check) {
        return check.getClass().getName().startsWith(BOOT);
    }

    boolean isRegistry(Object object) {
        for (Class<?> r : registries) {
            if (r.isInstance(object)) return true;
        }
        return false;
    }

    /** A composite's (or a registry's) members by name, or null when {@code contributors} is neither. */
    Map<String, Object> members(Object contributors) throws ReflectiveOperationException {
        for (Entries kind : entries) {
            if (!kind.composite.isInstance(contributors)) continue;
            Map<String, Object> out = new LinkedHashMap<>();
            for (Object e : (Iterable<?>) contributors) {
                out.put((String) kind.name.invoke(e), kind.contributor.invoke(e));
            }
            return out;
        }
        return null;
    }
}

package io.healthagent.checks.app;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Actuator's health API as one application's class loader has it ({@code org.springframework.boot.actuate.health}),
 * looked up once per loader: the types and methods the agent reads contributors with. The application's Actuator
 * is its own, never the agent's.
 */
final class ActuatorApi {
    static final String PACKAGE = "org.springframework.boot.actuate.health.";
    private static final String BOOT = "org.springframework.boot.";
    private static final Map<ClassLoader, ActuatorApi> BY_LOADER = Collections.synchronizedMap(new WeakHashMap<>());

    final Class<?> contributor;
    final Class<?> reactiveContributor;
    final Class<?> registry;
    final Class<?> indicator;
    final Class<?> reactiveIndicator;
    final Class<?> composite;
    final Method health;
    final Method reactiveHealth;
    /** {@code Mono.block()}; null without Reactor (then there is no reactive indicator either). */
    final Method block;
    final Method getStatus;
    final Method getDetails;
    final Method getCode;
    final Method getName;
    final Method getContributor;

    private ActuatorApi(ClassLoader loader) throws ReflectiveOperationException {
        contributor = type("HealthContributor", loader);
        reactiveContributor = type("ReactiveHealthContributor", loader);
        registry = type("HealthContributorRegistry", loader);
        indicator = type("HealthIndicator", loader);
        reactiveIndicator = type("ReactiveHealthIndicator", loader);
        composite = type("NamedContributors", loader);
        health = indicator.getMethod("health");
        reactiveHealth = reactiveIndicator.getMethod("health");
        Method monoBlock;
        try {
            monoBlock = Class.forName("reactor.core.publisher.Mono", false, loader).getMethod("block");
        } catch (ClassNotFoundException e) {
            monoBlock = null;
        }
        block = monoBlock;
        Class<?> healthType = type("Health", loader);
        getStatus = healthType.getMethod("getStatus");
        getDetails = healthType.getMethod("getDetails");
        getCode = type("Status", loader).getMethod("getCode");
        Class<?> named = type("NamedContributor", loader);
        getName = named.getMethod("getName");
        getContributor = named.getMethod("getContributor");
    }

    private static Class<?> type(String name, ClassLoader loader) throws ClassNotFoundException {
        return Class.forName(PACKAGE + name, false, loader);
    }

    /** The API as {@code object}'s class loader sees it. */
    static ActuatorApi of(Object object) throws ReflectiveOperationException {
        ClassLoader loader = object.getClass().getClassLoader();
        ActuatorApi api = BY_LOADER.get(loader);
        if (api == null) {
            api = new ActuatorApi(loader);
            BY_LOADER.put(loader, api);
        }
        return api;
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

    /** A composite's (or a registry's) members by name, or null when {@code contributor} is neither. */
    Map<String, Object> members(Object contributors) throws ReflectiveOperationException {
        if (!composite.isInstance(contributors) && !registry.isInstance(contributors)) return null;
        Map<String, Object> out = new LinkedHashMap<>();
        for (Object n : (Iterable<?>) contributors) out.put((String) getName.invoke(n), getContributor.invoke(n));
        return out;
    }
}

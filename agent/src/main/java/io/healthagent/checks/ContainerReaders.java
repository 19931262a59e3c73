package io.healthagent.checks;

import java.lang.reflect.Field;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a framework's container of checks already holds, read once when the application first uses it: the
 * checks registered before the agent started. Reflection on the application's own classes.
 */
final class ContainerReaders {
    private ContainerReaders() {
    }

    /** Name to check object, in the container's order. */
    static Map<String, Object> checksIn(String source, Object container) throws ReflectiveOperationException {
        switch (source) {
            case "dropwizard":
                return dropwizard(container);
            default:
                throw new IllegalArgumentException("no containers of " + source);
        }
    }

    /** A HealthCheckRegistry keeps its checks in a private map, {@code healthChecks} (3.x and 4.x). */
    private static Map<String, Object> dropwizard(Object registry) throws ReflectiveOperationException {
        Field field = registry.getClass().getDeclaredField("healthChecks");
        field.setAccessible(true);
        Map<?, ?> checks = (Map<?, ?>) field.get(registry);
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : new java.util.TreeMap<>(checks).entrySet()) out.put((String) e.getKey(), e.getValue());
        return out;
    }
}

package io.healthagent.checks.app;

import java.lang.reflect.Field;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** Dropwizard Metrics' {@code HealthCheckRegistry} (3.x and 4.x): checks by registry name. */
final class Dropwizard implements Framework {
    @Override
    public String source() {
        return "dropwizard";
    }

    @Override
    public AppCheck create(String agentName, String declaredName, Object check) throws ReflectiveOperationException {
        return new DropwizardCheck(agentName, declaredName, check);
    }

    /** A registry keeps its checks in a private map, {@code healthChecks}. */
    @Override
    public Map<String, Object> checksIn(Object registry) throws ReflectiveOperationException {
        Field field = registry.getClass().getDeclaredField("healthChecks");
        field.setAccessible(true);
        Map<?, ?> checks = (Map<?, ?>) field.get(registry);
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : new TreeMap<>(checks).entrySet()) out.put((String) e.getKey(), e.getValue());
        return out;
    }
}

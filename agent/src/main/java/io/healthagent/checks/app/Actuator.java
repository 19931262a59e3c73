package io.healthagent.checks.app;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Spring Boot Actuator (2.2 to 4.x; {@link ActuatorApi} reads either layout): the contributors of the
 * application's {@code HealthContributorRegistry}, and on Boot 4 of its reactive one too, named as Actuator names
 * them ({@code catalogApi} for a bean {@code catalogApiHealthIndicator}). Where Boot adapts a reactive
 * contributor (or a blocking one), the agent unwraps the adapter, so that it runs and names the application's own
 * object. Boot's own indicators (disk space, ping, the availability states, the datasources and clients it
 * configures) are built in: classes under {@code org.springframework.boot.}. Probe membership is Actuator's
 * {@code readiness} and {@code liveness} groups.
 */
final class Actuator implements Framework {
    @Override
    public String source() {
        return "actuator";
    }

    @Override
    public AppCheck create(String agentName, String declaredName, Object check) throws ReflectiveOperationException {
        return new ActuatorCheck(agentName, declaredName, check);
    }

    @Override
    public Object unwrap(Object check) throws ReflectiveOperationException {
        return ActuatorApi.unwrap(check);
    }

    /** Boot's own class, or a composite of Boot's own (its datasources, its Redis connections). */
    @Override
    public boolean builtin(Object check) throws ReflectiveOperationException {
        if (!ActuatorApi.isBoots(check)) return false;
        Map<String, Object> members = ActuatorApi.of(check).members(check);
        if (members == null) return true;
        for (Object m : members.values()) {
            if (!builtin(unwrap(m))) return false;
        }
        return true;
    }

    /**
     * A registry of the application's: on Boot 2 and 3 the blocking one holds every contributor (the reactive one,
     * the same ones adapted, is read through it); on Boot 4 each holds its own kind.
     */
    @Override
    public Map<String, Object> checksIn(Object registry) throws ReflectiveOperationException {
        ActuatorApi api = ActuatorApi.of(registry);
        Map<String, Object> members = api.isRegistry(registry) ? api.members(registry) : null;
        return members != null ? members : Collections.<String, Object>emptyMap();
    }

    /** Spring MVC's DispatcherServlet or a WebFlux exchange. */
    @Override
    public Object contextOf(Object holder) throws ReflectiveOperationException {
        for (String getter : new String[] {"getWebApplicationContext", "getApplicationContext"}) {
            try {
                Method m = holder.getClass().getMethod(getter);
                return m.invoke(holder);
            } catch (NoSuchMethodException e) {
                // the other kind of holder
            }
        }
        return null;
    }

    @Override
    public Context read(Object context) throws ReflectiveOperationException {
        ClassLoader loader = context.getClass().getClassLoader();
        ActuatorApi api = ActuatorApi.in(loader);
        if (api == null) return new Context(new ArrayList<>(), null); // no Actuator in this application
        Method beansOfType = Class.forName("org.springframework.beans.factory.ListableBeanFactory", false, loader)
                .getMethod("getBeansOfType", Class.class);
        List<Object> registries = new ArrayList<>();
        for (Class<?> type : api.registries) registries.addAll(((Map<?, ?>) beansOfType.invoke(context, type)).values());
        Iterator<?> groups = ((Map<?, ?>) beansOfType.invoke(context, api.groups)).values().iterator();
        if (!groups.hasNext()) return new Context(registries, null);
        Object all = groups.next();
        Method get = api.groups.getMethod("get", String.class);
        Object readiness = get.invoke(all, "readiness");
        Object liveness = get.invoke(all, "liveness");
        return new Context(registries, new Membership() {
            @Override
            public boolean readiness(String name) throws ReflectiveOperationException {
                return readiness != null && (Boolean) api.isMember.invoke(readiness, name);
            }

            @Override
            public boolean liveness(String name) throws ReflectiveOperationException {
                return liveness != null && (Boolean) api.isMember.invoke(liveness, name);
            }
        });
    }
}

package io.healthagent.checks.app;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Spring Boot Actuator (2.2 to 3.x, {@code org.springframework.boot.actuate.health}): the contributors of the
 * application's {@code HealthContributorRegistry}, named as Actuator names them ({@code catalogApi} for a bean
 * {@code catalogApiHealthIndicator}). Reactive contributors are in that registry too, behind Boot's adapters,
 * which the agent unwraps so that it runs and names the application's own object. Boot's own indicators (disk
 * space, ping, the availability states, the datasources and clients it configures) are built in: classes under
 * {@code org.springframework.boot.}. Probe membership is Actuator's {@code readiness} and {@code liveness} groups.
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

    /** The blocking registry, which holds every contributor; the reactive one holds the same ones adapted. */
    @Override
    public Map<String, Object> checksIn(Object registry) throws ReflectiveOperationException {
        ActuatorApi api = ActuatorApi.of(registry);
        return api.registry.isInstance(registry) ? api.members(registry) : Collections.<String, Object>emptyMap();
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
        Class<?> registryType;
        Class<?> groupsType;
        try {
            registryType = Class.forName(ActuatorApi.PACKAGE + "HealthContributorRegistry", false, loader);
            groupsType = Class.forName(ActuatorApi.PACKAGE + "HealthEndpointGroups", false, loader);
        } catch (ClassNotFoundException e) {
            return new Context(new ArrayList<>(), null); // no Actuator in this application
        }
        Method beansOfType = Class.forName("org.springframework.beans.factory.ListableBeanFactory", false, loader)
                .getMethod("getBeansOfType", Class.class);
        List<Object> registries = new ArrayList<>(((Map<?, ?>) beansOfType.invoke(context, registryType)).values());
        Iterator<?> groups = ((Map<?, ?>) beansOfType.invoke(context, groupsType)).values().iterator();
        if (!groups.hasNext()) return new Context(registries, null);
        Object all = groups.next();
        Method get = groupsType.getMethod("get", String.class);
        Object readiness = get.invoke(all, "readiness");
        Object liveness = get.invoke(all, "liveness");
        Method isMember = Class.forName(ActuatorApi.PACKAGE + "HealthEndpointGroup", false, loader).getMethod("isMember", String.class);
        return new Context(registries, new Membership() {
            @Override
            public boolean readiness(String name) throws ReflectiveOperationException {
                return readiness != null && (Boolean) isMember.invoke(readiness, name);
            }

            @Override
            public boolean liveness(String name) throws ReflectiveOperationException {
                return liveness != null && (Boolean) isMember.invoke(liveness, name);
            }
        });
    }
}

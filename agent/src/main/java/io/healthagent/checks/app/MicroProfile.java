package io.healthagent.checks.app;

import java.lang.annotation.Annotation;

/**
 * MicroProfile Health (2.x to 4.x, {@code org.eclipse.microprofile.health}: SmallRye Health in Quarkus and
 * WildFly, Open Liberty, Helidon MP): a {@code HealthCheck} bean is found when the application's health endpoint
 * first runs it, named by its response ({@code HealthCheckResponse.getName()}). Its bean class's qualifiers say
 * which probes it serves: {@code @Readiness}, {@code @Liveness} ({@code @Startup} checks are neither).
 */
final class MicroProfile implements Framework {
    static final String PACKAGE = "org.eclipse.microprofile.health.";

    @Override
    public String source() {
        return "microprofile";
    }

    @Override
    public AppCheck create(String agentName, String declaredName, Object check) throws ReflectiveOperationException {
        MicroProfileCheck made = new MicroProfileCheck(agentName, declaredName, check);
        made.markProbes(marked(check, "Readiness"), marked(check, "Liveness"));
        return made;
    }

    /** On the bean class or, for a container's proxy or subclass, on a class it extends. */
    private static boolean marked(Object check, String qualifier) {
        Class<? extends Annotation> type;
        try {
            type = Class.forName(PACKAGE + qualifier, false, check.getClass().getClassLoader()).asSubclass(Annotation.class);
        } catch (ClassNotFoundException e) {
            return false;
        }
        for (Class<?> c = check.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            if (c.isAnnotationPresent(type)) return true;
        }
        return false;
    }

    @Override
    public String nameIn(Object response) throws ReflectiveOperationException {
        if (response == null) return null;
        Class<?> type = Class.forName(PACKAGE + "HealthCheckResponse", false, response.getClass().getClassLoader());
        return (String) type.getMethod("getName").invoke(response);
    }
}

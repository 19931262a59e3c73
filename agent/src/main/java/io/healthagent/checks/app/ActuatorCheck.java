package io.healthagent.checks.app;

import io.healthagent.checks.CheckOutcome;
import io.healthagent.model.CheckStatus;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An Actuator contributor: a {@code HealthIndicator} ({@code health()}), a {@code ReactiveHealthIndicator} (its
 * {@code Mono} blocked on, on the agent's thread, which the agent's timeout interrupts), or a composite, whose
 * members all run and the worst status counts. {@code UP} passes; {@code DOWN} and {@code OUT_OF_SERVICE} fail;
 * {@code UNKNOWN} and a status of the application's own warn. The message is the status and its details.
 */
final class ActuatorCheck extends AppCheck {
    private static final int MAX_MESSAGE = 300;

    ActuatorCheck(String name, String declaredName, Object check) {
        super(name, "actuator", declaredName, check);
    }

    @Override
    protected CheckOutcome runOn(Object check) throws Exception {
        Answer a = answer(check);
        String message = a.message.length() > MAX_MESSAGE ? a.message.substring(0, MAX_MESSAGE) + "..." : a.message;
        return new CheckOutcome(name(), a.status, message, 0);
    }

    private static final class Answer {
        final CheckStatus status;
        final String message;

        Answer(CheckStatus status, String message) {
            this.status = status;
            this.message = message;
        }
    }

    private static Answer answer(Object contributor) throws Exception {
        ClassLoader loader = contributor.getClass().getClassLoader();
        Class<?> indicator = Class.forName(Actuator.PACKAGE + "HealthIndicator", false, loader);
        if (indicator.isInstance(contributor)) return read(indicator.getMethod("health").invoke(contributor), loader);
        Class<?> reactive = Class.forName(Actuator.PACKAGE + "ReactiveHealthIndicator", false, loader);
        if (reactive.isInstance(contributor)) {
            Object mono = reactive.getMethod("health").invoke(contributor);
            Object health = Class.forName("reactor.core.publisher.Mono", false, loader).getMethod("block").invoke(mono);
            if (health == null) return new Answer(CheckStatus.WARN, "no health: its Mono completed empty");
            return read(health, loader);
        }
        Map<String, Object> members = members(contributor);
        if (members == null) throw new IllegalStateException("not a health contributor: " + contributor.getClass().getName());
        CheckStatus worst = CheckStatus.PASS;
        StringBuilder message = new StringBuilder();
        for (Map.Entry<String, Object> m : members.entrySet()) {
            Answer a = answer(new Actuator().unwrap(m.getValue()));
            if (a.status.ordinal() > worst.ordinal()) worst = a.status;
            if (message.length() > 0) message.append("; ");
            message.append(m.getKey()).append(": ").append(a.message);
        }
        return new Answer(worst, message.toString());
    }

    /** A {@code Health}: its status code, then its details ({@code DOWN: reason=catalog answered 503}). */
    private static Answer read(Object health, ClassLoader loader) throws ReflectiveOperationException {
        Class<?> type = Class.forName(Actuator.PACKAGE + "Health", false, loader);
        Object status = type.getMethod("getStatus").invoke(health);
        String code = (String) Class.forName(Actuator.PACKAGE + "Status", false, loader).getMethod("getCode").invoke(status);
        Map<?, ?> details = (Map<?, ?>) type.getMethod("getDetails").invoke(health);
        StringBuilder message = new StringBuilder(code);
        if (details != null && !details.isEmpty()) {
            message.append(": ");
            Object error = details.get("error"); // Health.down(exception) puts its class and message here
            if (error != null) {
                message.append(error);
            } else {
                boolean first = true;
                for (Map.Entry<?, ?> d : details.entrySet()) {
                    if (!first) message.append(", ");
                    message.append(d.getKey()).append('=').append(d.getValue());
                    first = false;
                }
            }
        }
        return new Answer(statusOf(code), message.toString());
    }

    static CheckStatus statusOf(String code) {
        switch (code) {
            case "UP":
                return CheckStatus.PASS;
            case "DOWN":
            case "OUT_OF_SERVICE":
                return CheckStatus.FAIL;
            default: // UNKNOWN, and an application's own code
                return CheckStatus.WARN;
        }
    }

    /** A composite's members by name, or null when {@code contributor} is not a composite. */
    static Map<String, Object> members(Object contributor) throws ReflectiveOperationException {
        ClassLoader loader = contributor.getClass().getClassLoader();
        Class<?> composites = Class.forName(Actuator.PACKAGE + "NamedContributors", false, loader);
        if (!composites.isInstance(contributor)) return null;
        return named((Iterable<?>) contributor, loader);
    }

    /** A registry's or a composite's {@code NamedContributor}s, by name. */
    static Map<String, Object> named(Iterable<?> contributors, ClassLoader loader) throws ReflectiveOperationException {
        Class<?> named = Class.forName(Actuator.PACKAGE + "NamedContributor", false, loader);
        Method getName = named.getMethod("getName");
        Method getContributor = named.getMethod("getContributor");
        Map<String, Object> out = new LinkedHashMap<>();
        for (Object n : contributors) out.put((String) getName.invoke(n), getContributor.invoke(n));
        return out;
    }
}

package io.healthagent.checks.app;

import io.healthagent.checks.CheckOutcome;
import io.healthagent.model.CheckStatus;
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
        CheckOutcome a = answer(check);
        return a.message.length() > MAX_MESSAGE ? a.withMessage(a.message.substring(0, MAX_MESSAGE) + "...") : a;
    }

    private CheckOutcome answer(Object contributor) throws Exception {
        ActuatorApi api = ActuatorApi.of(contributor);
        if (api.indicator.isInstance(contributor)) return read(api, api.health.invoke(contributor));
        if (api.reactiveHealth != null && api.reactiveIndicator.isInstance(contributor)) {
            Object health = api.block.invoke(api.reactiveHealth.invoke(contributor));
            if (health == null) return CheckOutcome.warn(name(), "no health: its Mono completed empty");
            return read(api, health);
        }
        Map<String, Object> members = api.members(contributor);
        if (members == null) throw new IllegalStateException("not a health contributor: " + contributor.getClass().getName());
        CheckStatus worst = CheckStatus.PASS;
        StringBuilder message = new StringBuilder();
        for (Map.Entry<String, Object> m : members.entrySet()) {
            CheckOutcome a = answer(ActuatorApi.unwrap(m.getValue()));
            if (a.status.ordinal() > worst.ordinal()) worst = a.status;
            if (message.length() > 0) message.append("; ");
            message.append(m.getKey()).append(": ").append(a.message);
        }
        return new CheckOutcome(name(), worst, message.toString(), 0);
    }

    /** A {@code Health}: its status code, then its details ({@code DOWN: reason=catalog answered 503}). */
    private CheckOutcome read(ActuatorApi api, Object health) throws ReflectiveOperationException {
        String code = (String) api.getCode.invoke(api.getStatus.invoke(health));
        Map<?, ?> details = (Map<?, ?>) api.getDetails.invoke(health);
        String message = code;
        if (details != null && !details.isEmpty()) {
            Object error = details.get("error"); // Health.down(exception) puts its class and message here
            message += ": " + (error != null ? error : pairs(details));
        }
        return new CheckOutcome(name(), statusOf(code), message, 0);
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
}

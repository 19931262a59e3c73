package io.healthagent.checks.app;

import io.healthagent.checks.CheckOutcome;
import io.healthagent.model.CheckStatus;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;

/**
 * A MicroProfile {@code HealthCheck}: {@code call()} answers a response whose status is {@code UP} (pass) or
 * {@code DOWN} (fail); the message is its data ({@code reason=catalog answered 503}), or the status when it has none.
 */
final class MicroProfileCheck extends AppCheck {
    private final Method call;
    private final Method getStatus;
    private final Method getData;

    MicroProfileCheck(String name, String declaredName, Object check) throws ReflectiveOperationException {
        super(name, "microprofile", declaredName, check);
        ClassLoader loader = check.getClass().getClassLoader();
        call = Class.forName(MicroProfile.PACKAGE + "HealthCheck", false, loader).getMethod("call");
        Class<?> response = Class.forName(MicroProfile.PACKAGE + "HealthCheckResponse", false, loader);
        getStatus = response.getMethod("getStatus");
        getData = response.getMethod("getData");
    }

    @Override
    protected CheckOutcome runOn(Object check) throws Exception {
        Object response = call.invoke(check);
        if (response == null) return CheckOutcome.fail(name(), "the check answered no response");
        String status = String.valueOf(getStatus.invoke(response));
        Optional<?> data = (Optional<?>) getData.invoke(response);
        String message = data.isPresent() ? pairs((Map<?, ?>) data.get()) : "";
        if (message.isEmpty()) message = status;
        return new CheckOutcome(name(), "UP".equals(status) ? CheckStatus.PASS : CheckStatus.FAIL, message, 0);
    }
}

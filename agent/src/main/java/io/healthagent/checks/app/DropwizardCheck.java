package io.healthagent.checks.app;

import io.healthagent.checks.CheckOutcome;
import io.healthagent.model.CheckStatus;
import java.lang.reflect.Method;

/**
 * A Dropwizard Metrics {@code HealthCheck}: {@code execute()} runs it (Dropwizard itself turns an exception
 * into an unhealthy result); healthy passes, unhealthy fails with the result's message, or, when the check
 * threw, the exception's class and message. Read by reflection: the application's Dropwizard is its own, never the agent's.
 */
final class DropwizardCheck extends AppCheck {
    private final Method execute;
    private final Method isHealthy;
    private final Method getMessage;
    private final Method getError;

    DropwizardCheck(String name, String declaredName, Object check) throws ReflectiveOperationException {
        super(name, "dropwizard", declaredName, check);
        ClassLoader loader = check.getClass().getClassLoader();
        Class<?> healthCheck = Class.forName("com.codahale.metrics.health.HealthCheck", false, loader);
        Class<?> result = Class.forName("com.codahale.metrics.health.HealthCheck$Result", false, loader);
        execute = healthCheck.getMethod("execute");
        isHealthy = result.getMethod("isHealthy");
        getMessage = result.getMethod("getMessage");
        getError = result.getMethod("getError");
    }

    @Override
    protected CheckOutcome runOn(Object check) throws Exception {
        Object result = execute.invoke(check);
        String message = (String) getMessage.invoke(result);
        if ((Boolean) isHealthy.invoke(result)) {
            return new CheckOutcome(name(), CheckStatus.PASS, message != null ? message : "healthy", 0);
        }
        Throwable error = (Throwable) getError.invoke(result); // the check threw: its class says what
        String why = error != null ? describe(error) : message != null ? message : "unhealthy";
        return new CheckOutcome(name(), CheckStatus.FAIL, why, 0);
    }
}

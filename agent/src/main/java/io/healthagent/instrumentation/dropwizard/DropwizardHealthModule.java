package io.healthagent.instrumentation.dropwizard;

import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.healthagent.instrumentation.InstrumentationModule;
import io.healthagent.instrumentation.ModuleSupport;
import java.util.Collections;
import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * Dropwizard Metrics' health checks: every {@code HealthCheckRegistry.register(name, check)} that succeeds
 * hands the check to the agent, and {@code unregister(name)} takes it back. The agent starts after the host
 * has, so the checks a registry got during the host's start are read from it the first time the application
 * uses it (runs or lists its checks: Dropwizard's admin {@code /healthcheck} does, on every request). The agent
 * runs them on its own clock (see {@code checks.app.AppChecks}); the registry's own {@code runHealthChecks} is left
 * as it is.
 */
public final class DropwizardHealthModule implements InstrumentationModule {
    static final String REGISTRY = "com.codahale.metrics.health.HealthCheckRegistry";

    @Override
    public String name() {
        return "dropwizard-health";
    }

    @Override
    public List<String> errorSites() {
        return Collections.singletonList("appchecks.offer");
    }

    @Override
    public AgentBuilder instrument(AgentBuilder builder, ModuleSupport support) {
        return builder
                .type(named(REGISTRY))
                .transform(support.advice(named("register").and(takesArguments(2)).and(takesArgument(0, String.class)),
                        DropwizardRegisterAdvice.class))
                .transform(support.advice(named("unregister").and(takesArguments(1)).and(takesArgument(0, String.class)),
                        DropwizardUnregisterAdvice.class))
                .transform(support.advice(isPublic().and(not(isStatic())).and(namedOneOf("register", "unregister",
                        "runHealthChecks", "runHealthCheck", "getNames", "addListener")), DropwizardRegistryUsedAdvice.class));
    }
}

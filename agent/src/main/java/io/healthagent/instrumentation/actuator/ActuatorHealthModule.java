package io.healthagent.instrumentation.actuator;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.healthagent.instrumentation.InstrumentationModule;
import io.healthagent.instrumentation.ModuleSupport;
import java.util.Collections;
import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * Spring Boot Actuator's health contributors (Boot 2.2 to 3.x). Actuator keeps them in one registry per stack
 * ({@code DefaultContributorRegistry}, built from the application's {@code HealthContributor} beans as the
 * context starts): its {@code registerContributor} and {@code unregisterContributor} hand a contributor to the
 * agent and take it back, and a registry the agent meets (built while the agent runs, or used: Actuator's
 * {@code /actuator/health} reads it) is read whole. The agent starts once the host has, usually after the
 * context was built, so the first request through Spring's dispatcher (MVC's {@code DispatcherServlet}, WebFlux's
 * {@code DispatcherHandler}) also leads it to the application context, where it finds the registry and Actuator's
 * {@code readiness} and {@code liveness} groups; after that first request this costs one volatile read.
 */
public final class ActuatorHealthModule implements InstrumentationModule {
    static final String REGISTRY = "org.springframework.boot.actuate.health.DefaultContributorRegistry";

    @Override
    public String name() {
        return "actuator-health";
    }

    @Override
    public List<String> errorSites() {
        return Collections.singletonList("appchecks.offer");
    }

    @Override
    public AgentBuilder instrument(AgentBuilder builder, ModuleSupport support) {
        return builder
                .type(named(REGISTRY))
                .transform(support.advice(isConstructor(), ActuatorRegistryAdvice.Built.class))
                .transform(support.advice(named("registerContributor").and(takesArguments(2))
                        .and(takesArgument(0, String.class)), ActuatorRegistryAdvice.Registered.class))
                .transform(support.advice(named("unregisterContributor").and(takesArguments(1))
                        .and(takesArgument(0, String.class)), ActuatorRegistryAdvice.Unregistered.class))
                .transform(support.advice(isPublic().and(namedOneOf("getContributor", "iterator", "stream")),
                        ActuatorRegistryAdvice.Used.class))
                .type(named("org.springframework.web.servlet.DispatcherServlet"))
                .transform(support.advice(named("doService").and(takesArguments(2)), ActuatorContextAdvice.Mvc.class))
                .type(named("org.springframework.web.reactive.DispatcherHandler"))
                .transform(support.advice(named("handle").and(takesArguments(1))
                        .and(takesArgument(0, named("org.springframework.web.server.ServerWebExchange"))),
                        ActuatorContextAdvice.WebFlux.class));
    }
}

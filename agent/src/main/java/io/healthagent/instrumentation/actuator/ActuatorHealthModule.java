package io.healthagent.instrumentation.actuator;

import static net.bytebuddy.matcher.ElementMatchers.isBridge;
import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.isPublic;
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
 * Spring Boot Actuator's health contributors (Boot 2.2 to 4.x). Actuator keeps them in a registry
 * ({@code DefaultContributorRegistry} on Boot 2 and 3; on Boot 4 {@code DefaultHealthContributorRegistry} and
 * {@code DefaultReactiveHealthContributorRegistry}), built from the application's contributor beans as the
 * context starts: its {@code registerContributor} and {@code unregisterContributor} hand a contributor to the
 * agent and take it back, and a registry the agent meets (built while the agent runs, or used: Actuator's
 * {@code /actuator/health} reads it) is read whole. The agent starts once the host has, usually after the
 * context was built, so the first request through Spring's dispatcher (MVC's {@code DispatcherServlet}, WebFlux's
 * {@code DispatcherHandler}) also leads it to the application context, where it finds the registry and Actuator's
 * {@code readiness} and {@code liveness} groups; after that first request this costs one volatile read.
 */
public final class ActuatorHealthModule implements InstrumentationModule {
    /** Boot 2.2 to 3.x: one class for the blocking and the reactive registry. */
    static final String REGISTRY = "org.springframework.boot.actuate.health.DefaultContributorRegistry";
    /** Boot 4: a class for each (their generic methods have bridges, which the agent leaves alone). */
    static final String REGISTRY_4 = "org.springframework.boot.health.registry.DefaultHealthContributorRegistry";
    static final String REACTIVE_REGISTRY_4 = "org.springframework.boot.health.registry.DefaultReactiveHealthContributorRegistry";

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
                .type(namedOneOf(REGISTRY, REGISTRY_4, REACTIVE_REGISTRY_4))
                .transform(support.advice(isConstructor(), ActuatorRegistryAdvice.Built.class))
                .transform(support.advice(named("registerContributor").and(takesArguments(2)).and(not(isBridge()))
                        .and(takesArgument(0, String.class)), ActuatorRegistryAdvice.Registered.class))
                .transform(support.advice(named("unregisterContributor").and(takesArguments(1)).and(not(isBridge()))
                        .and(takesArgument(0, String.class)), ActuatorRegistryAdvice.Unregistered.class))
                .transform(support.advice(isPublic().and(not(isBridge())).and(namedOneOf("getContributor", "iterator", "stream")),
                        ActuatorRegistryAdvice.Used.class))
                .type(named("org.springframework.web.servlet.DispatcherServlet"))
                .transform(support.advice(named("doService").and(takesArguments(2)), ActuatorContextAdvice.Mvc.class))
                .type(named("org.springframework.web.reactive.DispatcherHandler"))
                .transform(support.advice(named("handle").and(takesArguments(1))
                        .and(takesArgument(0, named("org.springframework.web.server.ServerWebExchange"))),
                        ActuatorContextAdvice.WebFlux.class));
    }
}

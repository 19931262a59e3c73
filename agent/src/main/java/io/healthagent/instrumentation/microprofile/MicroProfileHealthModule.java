package io.healthagent.instrumentation.microprofile;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.healthagent.instrumentation.InstrumentationModule;
import io.healthagent.instrumentation.ModuleSupport;
import java.util.Collections;
import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * MicroProfile Health's checks (SmallRye Health in Quarkus and WildFly, Open Liberty, Helidon MP): every class
 * that implements {@code org.eclipse.microprofile.health.HealthCheck}. Its {@code call()} answering hands the
 * check and its response (which names it) to the agent, so a check is found the first time the application's
 * health endpoint runs it, whichever implementation runs it and however its container made the bean. The
 * container's proxy around a bean answers the same name and is not taken twice. A check made as a lambda (a
 * producer method returning one) is a hidden class, which no agent can instrument: it is not found.
 */
public final class MicroProfileHealthModule implements InstrumentationModule {
    static final String HEALTH_CHECK = "org.eclipse.microprofile.health.HealthCheck";

    @Override
    public String name() {
        return "microprofile-health";
    }

    @Override
    public List<String> errorSites() {
        return Collections.singletonList("appchecks.offer");
    }

    @Override
    public AgentBuilder instrument(AgentBuilder builder, ModuleSupport support) {
        return builder
                .type(ModuleSupport.declaringSubtypesOf(named(HEALTH_CHECK), named("call").and(takesArguments(0)).and(not(isAbstract()))),
                        ModuleSupport.canSee(HEALTH_CHECK))
                .transform(support.advice(named("call").and(takesArguments(0)).and(not(isAbstract())), MicroProfileCallAdvice.class));
    }
}

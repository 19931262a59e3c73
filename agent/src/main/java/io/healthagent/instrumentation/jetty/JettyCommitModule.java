package io.healthagent.instrumentation.jetty;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.healthagent.instrumentation.InstrumentationModule;
import io.healthagent.instrumentation.ModuleSupport;
import io.healthagent.instrumentation.ResponseCommitAdvice;
import java.util.Collections;
import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * Where Jetty commits a response, for the time to first byte of servlet requests: Jetty 12's
 * {@code HttpStream.send(request, response, last, content, callback)} with a response (HTTP/1.1 and
 * HTTP/2 streams alike; later sends of the same response carry none), and Jetty 9.4's
 * {@code HttpChannel.commit(MetaData.Response)}. A response that fits the buffer is committed by the
 * container after the servlet returned: its time to first byte is its total.
 */
public final class JettyCommitModule implements InstrumentationModule {
    @Override
    public String name() {
        return "jetty-commit";
    }

    @Override
    public List<String> errorSites() {
        return Collections.emptyList();
    }

    @Override
    public AgentBuilder instrument(AgentBuilder builder, ModuleSupport support) {
        return builder
                .type(ModuleSupport.declaringSubtypesOf(named("org.eclipse.jetty.server.HttpStream"),
                        named("send").and(takesArguments(5))), ModuleSupport.canSee("org.eclipse.jetty.server.HttpStream"))
                .transform(support.advice(named("send").and(takesArguments(5)), ResponseCommitAdvice.IfResponse.class))
                .type(named("org.eclipse.jetty.server.HttpChannel"))
                .transform(support.advice(named("commit").and(takesArguments(1)), ResponseCommitAdvice.class));
    }
}

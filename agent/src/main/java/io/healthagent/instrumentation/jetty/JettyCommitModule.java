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
 * {@code HttpChannelState.ChannelResponse.lockedPrepareResponse}, which makes the response's metadata once,
 * when its first write commits it (for HTTP/1.1 and HTTP/2 alike), and Jetty 9.4's
 * {@code HttpChannel.commit(MetaData.Response)}. Hooking once per response, not on every write: advice on
 * {@code HttpStream.send}, which each chunk of a stream goes through, cost streamed responses about 1%. A response that fits the buffer is committed by the
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
                .type(named("org.eclipse.jetty.server.internal.HttpChannelState$ChannelResponse"))
                .transform(support.advice(named("lockedPrepareResponse").and(takesArguments(2)), ResponseCommitAdvice.class))
                .type(named("org.eclipse.jetty.server.HttpChannel"))
                .transform(support.advice(named("commit").and(takesArguments(1)), ResponseCommitAdvice.class));
    }
}

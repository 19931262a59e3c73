package io.healthagent.instrumentation.httpserver;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.healthagent.instrumentation.InstrumentationModule;
import io.healthagent.instrumentation.ModuleSupport;
import io.healthagent.instrumentation.ResponseCommitAdvice;
import java.util.Arrays;
import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * The JDK's own com.sun.net.httpserver: every exchange passes through Filter.Chain.doFilter; its response
 * is committed in sendResponseHeaders.
 */
public final class JdkHttpServerModule implements InstrumentationModule {
    @Override
    public String name() {
        return "jdk-httpserver";
    }

    @Override
    public List<String> errorSites() {
        return Arrays.asList("httpserver.enter", "httpserver.exit");
    }

    @Override
    public AgentBuilder instrument(AgentBuilder builder, ModuleSupport support) {
        return builder
                .type(named("com.sun.net.httpserver.Filter$Chain"))
                .transform(support.advice(named("doFilter").and(takesArguments(1))
                        .and(takesArgument(0, named("com.sun.net.httpserver.HttpExchange"))), HttpExchangeAdvice.class))
                // The commit: sendResponseHeaders writes and flushes the status line and headers.
                .type(named("sun.net.httpserver.ExchangeImpl"))
                .transform(support.advice(named("sendResponseHeaders").and(takesArguments(2)), ResponseCommitAdvice.class));
    }
}

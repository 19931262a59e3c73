package io.healthagent.instrumentation.httpserver;

import static io.healthagent.instrumentation.weaver.Matchers.named;
import static io.healthagent.instrumentation.weaver.Matchers.takesArgument;
import static io.healthagent.instrumentation.weaver.Matchers.takesArguments;

import io.healthagent.instrumentation.InstrumentationModule;
import io.healthagent.instrumentation.ModuleSupport;
import io.healthagent.instrumentation.ResponseCommitAdvice;
import java.util.Arrays;
import java.util.List;
import io.healthagent.instrumentation.weaver.Rules;

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
    public Rules instrument(Rules builder, ModuleSupport support) {
        return builder
                .type(named("com.sun.net.httpserver.Filter$Chain"))
                .transform(support.advice(named("doFilter").and(takesArguments(1))
                        .and(takesArgument(0, named("com.sun.net.httpserver.HttpExchange"))), HttpExchangeAdvice.class))
                // The commit: sendResponseHeaders writes and flushes the status line and headers.
                .type(named("sun.net.httpserver.ExchangeImpl"))
                .transform(support.advice(named("sendResponseHeaders").and(takesArguments(2)), ResponseCommitAdvice.class));
    }
}

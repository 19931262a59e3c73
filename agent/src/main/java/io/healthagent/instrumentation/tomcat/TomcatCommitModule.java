package io.healthagent.instrumentation.tomcat;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.healthagent.instrumentation.InstrumentationModule;
import io.healthagent.instrumentation.ModuleSupport;
import io.healthagent.instrumentation.ResponseCommitAdvice;
import java.util.Collections;
import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * Where Tomcat (9 to 11, and Spring Boot's embedded Tomcat) commits a response, for the time to first
 * byte of servlet requests: each protocol's {@code prepareResponse()}, which writes the status line and
 * headers once per response (HTTP/1.1, HTTP/2 streams, AJP). Requests themselves are measured by the
 * servlet modules. A response the servlet leaves to the container is committed after it returned: its
 * time to first byte is its total.
 */
public final class TomcatCommitModule implements InstrumentationModule {
    @Override
    public String name() {
        return "tomcat-commit";
    }

    @Override
    public List<String> errorSites() {
        return Collections.emptyList();
    }

    @Override
    public AgentBuilder instrument(AgentBuilder builder, ModuleSupport support) {
        return builder
                .type(namedOneOf("org.apache.coyote.http11.Http11Processor", "org.apache.coyote.http2.StreamProcessor",
                        "org.apache.coyote.ajp.AjpProcessor"))
                .transform(support.advice(named("prepareResponse").and(takesArguments(0)), ResponseCommitAdvice.class));
    }
}

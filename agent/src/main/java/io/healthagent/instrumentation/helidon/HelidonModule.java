package io.healthagent.instrumentation.helidon;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.healthagent.instrumentation.InstrumentationModule;
import io.healthagent.instrumentation.ModuleSupport;
import java.util.Arrays;
import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * Helidon 4's web server (SE, and MP on it), which serves each connection on a virtual thread of its own and
 * runs a request's routing and handler on it, start to end:
 * <ul>
 *   <li>{@code HttpRoutingImpl.route(ctx, request, response)}: the request, from its routing to its end (HTTP/1
 *       and HTTP/2 alike); its status is the response's, an {@code HttpException}'s (a 404 when no route
 *       matches), or 500 for any other exception escaping the handler (Helidon then answers 500).</li>
 *   <li>{@code RoutingRequest.matchingPattern(pattern)}: Helidon names the request with the path pattern of the
 *       route it matched ({@code /api/tracks/{id}}), as its own metrics do.</li>
 *   <li>{@code Http1ServerResponse$BlockingOutputStream}: the response head going out before the response is
 *       complete (a stream's first flush) commits it.</li>
 * </ul>
 */
public final class HelidonModule implements InstrumentationModule {
    static final String ROUTING_REQUEST = "io.helidon.webserver.http.RoutingRequest";

    @Override
    public String name() {
        return "helidon";
    }

    @Override
    public List<String> errorSites() {
        return Arrays.asList("helidon.enter", "helidon.exit");
    }

    @Override
    public AgentBuilder instrument(AgentBuilder builder, ModuleSupport support) {
        return builder
                .type(named("io.helidon.webserver.http.HttpRoutingImpl"))
                .transform(support.advice(named("route").and(takesArguments(3))
                        .and(takesArgument(1, named(ROUTING_REQUEST))), HelidonRoutingAdvice.class))
                .type(ModuleSupport.declaringSubtypesOf(named(ROUTING_REQUEST),
                        named("matchingPattern").and(takesArguments(1)).and(takesArgument(0, String.class))),
                        ModuleSupport.canSee(ROUTING_REQUEST))
                .transform(support.advice(named("matchingPattern").and(takesArguments(1)).and(takesArgument(0, String.class)),
                        HelidonPatternAdvice.class))
                .type(named("io.helidon.webserver.http1.Http1ServerResponse$BlockingOutputStream"))
                .transform(support.advice(namedOneOf("sendHeadersAndPrepare", "sendFirstChunkOnly").and(takesArguments(0)),
                        HelidonCommitAdvice.class));
    }
}

package io.healthagent.instrumentation.websocket;

import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.healthagent.instrumentation.InstrumentationModule;
import io.healthagent.instrumentation.ModuleSupport;
import java.util.Arrays;
import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * The Java-WebSocket library (org.java-websocket), server side: its {@code WebSocketServer} gives every
 * connection a {@code WebSocketImpl}, the key of its session. The endpoint is the path the client
 * asked for (the library has no templates), bounded like routes.
 */
public final class JavaWebSocketModule implements InstrumentationModule {
    private static final String IMPL = "org.java_websocket.WebSocketImpl";
    private static final ElementMatcher.Junction<MethodDescription> ON_ERROR = named("onError").and(takesArguments(2))
            .and(takesArgument(0, named("org.java_websocket.WebSocket")));

    @Override
    public String name() {
        return "websocket-java-websocket";
    }

    @Override
    public List<String> errorSites() {
        return Arrays.asList("websocket.java-websocket");
    }

    @Override
    public AgentBuilder instrument(AgentBuilder builder, ModuleSupport support) {
        return builder
                .type(named(IMPL), ModuleSupport.canSee(IMPL))
                .transform(support.advice(named("open").and(takesArguments(1)), JavaWebSocketAdvice.Opened.class))
                .transform(support.advice(named("send").and(takesArguments(1))
                        .and(takesArgument(0, named("java.util.Collection"))), JavaWebSocketAdvice.FramesOut.class))
                // The first close frame either way gives the code (as on Netty): close(code, message, remote) runs
                // as the application closes and as the peer's close frame arrives. The library's own final code
                // can be 1006 for a close the server began: its close() sends the frame before it records the
                // code, and a peer that answers and hangs up at once is read as a drop in between.
                .transform(support.advice(named("close").and(takesArguments(3)).and(takesArgument(0, int.class)),
                        JavaWebSocketAdvice.Closed.class))
                // A connection that drops without a close frame: 1006, in closeConnection, the library's last word.
                .transform(support.advice(named("closeConnection").and(takesArguments(3)), JavaWebSocketAdvice.Closed.class))
                .transform(support.advice(named("closeConnectionDueToWrongHandshake")
                        .or(named("closeConnectionDueToInternalServerError")), JavaWebSocketAdvice.Refused.class))
                .type(named("org.java_websocket.drafts.Draft_6455"), ModuleSupport.canSee(IMPL))
                .transform(support.advice(named("processFrame").and(takesArguments(2))
                        .and(takesArgument(0, named(IMPL))), JavaWebSocketAdvice.FrameIn.class))
                // Errors: the application's own onError(WebSocket, Exception), which the library calls for each.
                // Not the library's WebSocketServer: describing that class (loaded before the agent instruments)
                // loads WebSocketImpl inside the transformer, where it would escape instrumentation.
                .type(not(nameStartsWith("org.java_websocket."))
                        .and(ModuleSupport.declaringSubtypesOf(named("org.java_websocket.server.WebSocketServer"), ON_ERROR)),
                        ModuleSupport.canSee(IMPL))
                .transform(support.advice(ON_ERROR, JavaWebSocketAdvice.Error.class));
    }
}

package io.healthagent.instrumentation.websocket;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.healthagent.instrumentation.InstrumentationModule;
import io.healthagent.instrumentation.ModuleSupport;
import java.util.Arrays;
import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * Jetty 9.4's WebSocket layer, under both javax.websocket (JSR 356) and Jetty 9's own API: the upgrade
 * ({@code WebSocketServerFactory.acceptWebSocket}, where Jetty's upgrade filter has stored the matched
 * PathSpec on the request) and the session ({@code WebSocketSession}: open, frames in and out, errors,
 * and the application's close with its code, 1006 when the connection dropped).
 */
public final class JettyNineWebSocketModule implements InstrumentationModule {
    private static final String COMMON = "org.eclipse.jetty.websocket.common.";

    @Override
    public String name() {
        return "websocket-jetty9";
    }

    @Override
    public List<String> errorSites() {
        return Arrays.asList("websocket.jetty9.upgrade");
    }

    @Override
    public AgentBuilder instrument(AgentBuilder builder, ModuleSupport support) {
        return builder
                .type(named("org.eclipse.jetty.websocket.server.WebSocketServerFactory"))
                .transform(support.advice(named("acceptWebSocket").and(takesArguments(3)),
                        JettyNineWebSocketAdvice.Upgrade.class))
                .type(named(COMMON + "WebSocketSession"))
                .transform(support.advice(isConstructor(), JettyWebSocketAdvice.Created.class))
                .transform(support.advice(named("open").and(takesArguments(0)), JettyWebSocketAdvice.Opened.class))
                .transform(support.advice(named("incomingFrame").and(takesArguments(1)), JettyNineWebSocketAdvice.FrameIn.class))
                .transform(support.advice(named("outgoingFrame").and(takesArguments(3)), JettyNineWebSocketAdvice.FrameOut.class))
                .transform(support.advice(named("callApplicationOnError").and(takesArguments(1)), JettyWebSocketAdvice.Error.class))
                .transform(support.advice(named("callApplicationOnClose").and(takesArguments(1))
                        .and(takesArgument(0, named(COMMON + "CloseInfo"))), JettyNineWebSocketAdvice.Closed.class));
    }
}

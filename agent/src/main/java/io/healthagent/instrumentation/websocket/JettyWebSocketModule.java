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
 * Jetty 12's WebSocket core, which every WebSocket API Jetty 12 serves runs on: Jakarta WebSocket
 * (JSR 356, annotated and programmatic endpoints, ee10/ee11/ee9), javax.websocket on ee8, and Jetty's own
 * API. One module covers them all, and sees frames as they cross the wire.
 *
 * <ul>
 *   <li>{@code AbstractHandshaker.upgradeRequest}: the endpoint's path template (the PathSpec Jetty's
 *       WebSocket mappings matched, stored on the request), and a refused upgrade when no session came of it;</li>
 *   <li>{@code WebSocketCoreSession}: gets a {@code WebSocketSession} when constructed inside an upgrade
 *       (client-side sessions get none); open, frames in ({@code onFrame}) and out ({@code sendFrame}),
 *       errors, and the close with its code ({@code closeConnection}, which runs once per connection).</li>
 * </ul>
 */
public final class JettyWebSocketModule implements InstrumentationModule {
    static final String SESSION = "org.eclipse.jetty.websocket.core.WebSocketCoreSession";
    static final String CORE = "org.eclipse.jetty.websocket.core.";

    @Override
    public String name() {
        return "websocket-jetty";
    }

    @Override
    public List<String> errorSites() {
        return Arrays.asList("websocket.jetty.upgrade", "websocket.jetty.frame");
    }

    @Override
    public AgentBuilder instrument(AgentBuilder builder, ModuleSupport support) {
        return builder
                .type(named("org.eclipse.jetty.websocket.core.server.internal.AbstractHandshaker"))
                .transform(support.advice(named("upgradeRequest").and(takesArguments(6)), JettyWebSocketAdvice.Upgrade.class))
                .type(named(SESSION))
                .transform(support.advice(isConstructor(), JettyWebSocketAdvice.Created.class))
                .transform(support.advice(named("onOpen").and(takesArguments(0)), JettyWebSocketAdvice.Opened.class))
                .transform(support.advice(named("onFrame").and(takesArguments(2))
                        .and(takesArgument(0, named(CORE + "Frame"))), JettyWebSocketAdvice.FrameIn.class))
                .transform(support.advice(named("sendFrame").and(takesArguments(1))
                        .and(takesArgument(0, named(CORE + "OutgoingEntry"))), JettyWebSocketAdvice.EntryOut.class))
                .transform(support.advice(named("sendFrame").and(takesArguments(3))
                        .and(takesArgument(0, named(CORE + "Frame"))), JettyWebSocketAdvice.FrameOut.class))
                .transform(support.advice(named("processHandlerError").or(named("processConnectionError"))
                        .and(takesArguments(2)), JettyWebSocketAdvice.Error.class))
                .transform(support.advice(named("closeConnection").and(takesArguments(2))
                        .and(takesArgument(0, named(CORE + "CloseStatus"))), JettyWebSocketAdvice.Closed.class));
    }
}

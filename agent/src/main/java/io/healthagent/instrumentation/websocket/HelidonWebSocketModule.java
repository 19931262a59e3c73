package io.healthagent.instrumentation.websocket;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.healthagent.instrumentation.InstrumentationModule;
import io.healthagent.instrumentation.ModuleSupport;
import java.util.Collections;
import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * Helidon 4's WebSocket API ({@code io.helidon.webserver.websocket}): each upgraded connection is a
 * {@code WsConnection} that runs on its own virtual thread in {@code handle(...)}, from the open (its endpoint
 * is the upgrade request's path) to the end; {@code processFrame} reads each client frame, {@code sendLocked}
 * writes each server frame; {@code close(code, reason)} sends the first close frame (the application's, or the
 * echo of the client's), and a connection whose {@code handle} ends without one was dropped (1006).
 */
public final class HelidonWebSocketModule implements InstrumentationModule {
    static final String CONNECTION = "io.helidon.webserver.websocket.WsConnection";

    @Override
    public String name() {
        return "websocket-helidon";
    }

    @Override
    public List<String> errorSites() {
        return Collections.singletonList("websocket.helidon");
    }

    @Override
    public AgentBuilder instrument(AgentBuilder builder, ModuleSupport support) {
        return builder
                .type(named(CONNECTION))
                .transform(support.advice(named("handle").and(takesArguments(1)), HelidonWebSocketAdvice.Handle.class))
                .transform(support.advice(named("processFrame").and(takesArguments(1)), HelidonWebSocketAdvice.FrameIn.class))
                .transform(support.advice(named("sendLocked").and(takesArguments(1)), HelidonWebSocketAdvice.FrameOut.class))
                .transform(support.advice(named("close").and(takesArguments(2)).and(takesArgument(0, int.class)),
                        HelidonWebSocketAdvice.Close.class));
    }
}

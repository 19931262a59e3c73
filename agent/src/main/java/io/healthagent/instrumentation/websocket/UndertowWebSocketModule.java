package io.healthagent.instrumentation.websocket;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
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
 * Undertow 2.x's own WebSocket API ({@code io.undertow.websockets.core}), keyed by the {@code WebSocketChannel}:
 * <ul>
 *   <li>its constructor, server side: the connection opens, on the route its path gives ({@code routes=},
 *       else the first segment: the upgrade exchange has ended by then);</li>
 *   <li>{@code StreamSourceFrameChannel}'s constructor: a message read (Undertow gives a fragmented message
 *       one channel: it counts once, with its first frame's length);</li>
 *   <li>{@code WebSockets.sendInternal} and {@code sendBlockingInternal}: a message sent (with its size), and
 *       a close frame sent with its code;</li>
 *   <li>{@code WebSocketChannel.lastDataRead}: the peer went away with no close frame either way (1006);
 *       {@code AbstractFramedChannel.close}: anything still open closes, as 1006.</li>
 * </ul>
 * Messages sent through the low-level {@code WebSocketChannel.send(type)} stream are not counted.
 */
public final class UndertowWebSocketModule implements InstrumentationModule {
    @Override
    public String name() {
        return "websocket-undertow";
    }

    @Override
    public List<String> errorSites() {
        return Arrays.asList("websocket.undertow");
    }

    @Override
    public AgentBuilder instrument(AgentBuilder builder, ModuleSupport support) {
        return builder
                .type(named("io.undertow.websockets.core.WebSocketChannel"))
                .transform(support.advice(isConstructor().and(takesArgument(3, String.class))
                        .and(takesArgument(5, boolean.class)), UndertowWsOpenAdvice.class))
                .transform(support.advice(named("lastDataRead").and(takesArguments(0)), UndertowWsGoneAdvice.class))
                .type(named("io.undertow.websockets.core.StreamSourceFrameChannel"))
                .transform(support.advice(isConstructor().and(takesArguments(8)), UndertowWsFrameInAdvice.class))
                .type(named("io.undertow.websockets.core.WebSockets"))
                .transform(support.advice(namedOneOf("sendInternal", "sendBlockingInternal")
                        .and(takesArgument(0, named("io.undertow.connector.PooledByteBuffer"))), UndertowWsSendAdvice.class))
                .type(named("io.undertow.server.protocol.framed.AbstractFramedChannel"))
                .transform(support.advice(named("close").and(takesArguments(0)), UndertowWsCloseAdvice.class));
    }
}

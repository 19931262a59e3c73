package io.healthagent.instrumentation.netty;

import static net.bytebuddy.matcher.ElementMatchers.isStatic;
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
 * Netty 4.1 and 4.2 HTTP/1.1 servers, and what runs on them (Reactor Netty, Spring WebFlux, Vert.x):
 * measured in Netty's own HTTP codec, which every one of them puts in its pipeline.
 *
 * <ul>
 *   <li>{@code ByteToMessageDecoder.fireChannelRead(ctx, CodecOutputList, n)}: each request head a
 *       server-side decoder ({@code HttpRequestDecoder}: HttpServerCodec's, Vert.x's) hands on starts a
 *       request, queued on its connection ({@code PendingRequests}).</li>
 *   <li>{@code ByteToMessageDecoder.channelRead}: while a server decoder passes what it decoded down the
 *       pipeline, the request is bound to the event loop thread, so that a framework's router running
 *       in that call (WebFlux, Vert.x Web) can name its route.</li>
 *   <li>{@code HttpObjectEncoder.encode} of a server-side encoder: a response head commits the oldest
 *       waiting request with its status, its last content ends it; a 101 ends the upgrade request.</li>
 *   <li>{@code AbstractChannelHandlerContext.invokeExceptionCaught}: an exception escaping a handler marks
 *       the waiting request failed (500 unless a response follows).</li>
 *   <li>{@code ByteToMessageDecoder.channelInactive}: requests still waiting when the connection closes end.</li>
 * </ul>
 * WebSockets ({@code WebSocketServerProtocolHandler}, Reactor Netty's, Vert.x's): the connection opens at
 * {@code WebSocketServerHandshaker.handshake} (its endpoint is the upgrade request's route), frames are
 * counted in {@code WebSocket08FrameDecoder} and {@code WebSocket08FrameEncoder} (every RFC 6455 version),
 * the first close frame either way closes it with its code, a connection that drops without one with 1006.
 *
 * <p>Everything here runs on the connection's event loop, whichever thread the application answers from.
 */
public final class NettyModule implements InstrumentationModule {
    @Override
    public String name() {
        return "netty";
    }

    @Override
    public List<String> errorSites() {
        return Arrays.asList("netty.decode", "netty.encode", "netty.close", "netty.exception", "netty.websocket");
    }

    @Override
    public AgentBuilder instrument(AgentBuilder builder, ModuleSupport support) {
        return builder
                .type(named("io.netty.handler.codec.ByteToMessageDecoder"))
                .transform(support.advice(named("fireChannelRead").and(isStatic()).and(takesArguments(3))
                        .and(takesArgument(1, named("io.netty.handler.codec.CodecOutputList"))), NettyDecodeAdvice.class))
                .transform(support.advice(named("channelRead").or(named("userEventTriggered")).and(takesArguments(2)),
                        NettyReadAdvice.class))
                .transform(support.advice(named("channelInactive").and(takesArguments(1)), NettyInactiveAdvice.class))
                .type(named("io.netty.channel.AbstractChannelHandlerContext"))
                .transform(support.advice(named("invokeExceptionCaught").and(takesArguments(1))
                        .and(takesArgument(0, Throwable.class)), NettyExceptionAdvice.class))
                .type(named("io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker"))
                .transform(support.advice(named("handshake").and(takesArguments(4)).and(takesArgument(0,
                        namedOneOf("io.netty.channel.Channel", "io.netty.channel.ChannelHandlerContext"))), // 4.2.x adds the latter
                        NettyHandshakeAdvice.class))
                .type(named("io.netty.handler.codec.http.websocketx.WebSocket08FrameDecoder"))
                .transform(support.advice(named("decode").and(takesArguments(3)), NettyFrameAdvice.class))
                .type(named("io.netty.handler.codec.http.websocketx.WebSocket08FrameEncoder"))
                .transform(support.advice(named("encode").and(takesArguments(3)), NettyFrameOutAdvice.class))
                .type(named("io.netty.handler.codec.http.HttpObjectEncoder"))
                .transform(support.advice(named("encode").and(takesArguments(3))
                        .and(takesArgument(0, named("io.netty.channel.ChannelHandlerContext"))), NettyEncodeAdvice.class));
    }
}

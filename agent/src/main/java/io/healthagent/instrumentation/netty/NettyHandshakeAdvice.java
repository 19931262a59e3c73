package io.healthagent.instrumentation.netty;

import io.healthagent.bootstrap.AgentErrors;
import io.healthagent.bootstrap.RequestBridge;
import io.healthagent.bootstrap.WebSocketBridge;
import io.healthagent.bootstrap.WebSocketSessions;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpRequest;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code WebSocketServerHandshaker.handshake(channel or context, request, headers, promise)} (Netty's own
 * WebSocketServerProtocolHandler, Reactor Netty's and Vert.x's WebSockets all shake hands there): the
 * connection opens as a WebSocket of the upgrade request's route.
 */
public final class NettyHandshakeAdvice {
    private NettyHandshakeAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.Argument(0) Object channelOrContext, @Advice.Argument(1) HttpRequest request) {
        try {
            Channel channel = channelOrContext instanceof ChannelHandlerContext
                    ? ((ChannelHandlerContext) channelOrContext).channel() : (Channel) channelOrContext;
            if (WebSocketSessions.get(channel) == null) { // the non-aggregated variant calls the other later
                String route = RequestBridge.currentRoute();
                WebSocketSessions.openNew(channel, route != null ? route
                        : RequestBridge.routeForPath(WebSocketBridge.withoutQuery(request.uri())));
            }
        } catch (Throwable t) {
            AgentErrors.record("netty.websocket", t);
        }
    }
}

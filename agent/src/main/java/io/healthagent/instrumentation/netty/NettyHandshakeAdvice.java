package io.healthagent.instrumentation.netty;

import io.healthagent.bootstrap.AgentErrors;
import io.healthagent.bootstrap.PendingRequests;
import io.healthagent.bootstrap.RequestBridge;
import io.healthagent.bootstrap.WebSocketBridge;
import io.healthagent.bootstrap.WebSocketSessions;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpRequest;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code WebSocketServerHandshaker.handshake(channel or context, request, headers, promise)} (Netty's own
 * WebSocketServerProtocolHandler, Reactor Netty's, Vert.x's and Micronaut's WebSockets all shake hands there): the
 * connection opens as a WebSocket of the upgrade request's route. That is the route of the request bound to the
 * thread, or, where the server shakes hands outside the request's handlers, of the connection's waiting request
 * (read on entry: the handshake writes the 101 that ends it).
 */
public final class NettyHandshakeAdvice {
    private NettyHandshakeAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static String enter(@Advice.Argument(0) Object channelOrContext) {
        String route = RequestBridge.currentRoute();
        if (route != null) return route;
        return PendingRequests.oldestRoute(channelOrContext instanceof ChannelHandlerContext
                ? ((ChannelHandlerContext) channelOrContext).channel() : channelOrContext);
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.Argument(0) Object channelOrContext, @Advice.Argument(1) HttpRequest request,
                            @Advice.Enter String route) {
        try {
            Channel channel = channelOrContext instanceof ChannelHandlerContext
                    ? ((ChannelHandlerContext) channelOrContext).channel() : (Channel) channelOrContext;
            if (WebSocketSessions.get(channel) == null) { // the non-aggregated variant calls the other later
                WebSocketSessions.openNew(channel, route != null ? route
                        : RequestBridge.routeForPath(WebSocketBridge.withoutQuery(request.uri())));
            }
        } catch (Throwable t) {
            AgentErrors.record("netty.websocket", t);
        }
    }
}

package io.healthagent.instrumentation.netty;

import io.healthagent.bootstrap.AgentErrors;
import io.healthagent.bootstrap.WebSocketSessions;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import net.bytebuddy.asm.Advice;

/** Inlined into {@code WebSocket08FrameEncoder.encode(ctx, frame, out)}: each frame the server sends. */
public final class NettyFrameOutAdvice {
    private NettyFrameOutAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Argument(0) ChannelHandlerContext ctx, @Advice.Argument(1) WebSocketFrame f) {
        try {
            if (f instanceof CloseWebSocketFrame) {
                // A close frame written once the connection is gone (Reactor Netty answers a vanished peer so)
                // is never sent: the peer dropped without a close handshake, 1006.
                int code = !ctx.channel().isActive() ? 1006 : ((CloseWebSocketFrame) f).statusCode();
                WebSocketSessions.closed(ctx.channel(), code < 0 ? 1005 : code);
            } else {
                WebSocketSessions.frame(ctx.channel(), false, f instanceof TextWebSocketFrame
                                || f instanceof BinaryWebSocketFrame || f instanceof ContinuationWebSocketFrame,
                        f.isFinalFragment(), f.content().readableBytes());
            }
        } catch (Throwable t) {
            AgentErrors.record("netty.websocket", t);
        }
    }
}

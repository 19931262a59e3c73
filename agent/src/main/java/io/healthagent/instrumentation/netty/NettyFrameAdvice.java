package io.healthagent.instrumentation.netty;

import io.healthagent.bootstrap.AgentErrors;
import io.healthagent.bootstrap.WebSocketSessions;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.List;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code WebSocket08FrameDecoder.decode(ctx, in, out)}: each frame it read. Data frames count
 * (a message on its final frame), the first close frame (either way) closes the session with its code.
 */
public final class NettyFrameAdvice {
    private NettyFrameAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static int enter(@Advice.Argument(2) List<Object> out) {
        return out.size();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter int before, @Advice.Argument(0) ChannelHandlerContext ctx,
                            @Advice.Argument(2) List<Object> out) {
        try {
            for (int i = before, n = out.size(); i < n; i++) {
                Object m = out.get(i);
                if (m instanceof CloseWebSocketFrame) {
                    int code = ((CloseWebSocketFrame) m).statusCode();
                    WebSocketSessions.closed(ctx.channel(), code < 0 ? 1005 : code);
                } else if (m instanceof WebSocketFrame) {
                    WebSocketFrame f = (WebSocketFrame) m;
                    WebSocketSessions.frame(ctx.channel(), true, f instanceof TextWebSocketFrame
                                    || f instanceof BinaryWebSocketFrame || f instanceof ContinuationWebSocketFrame,
                            f.isFinalFragment(), f.content().readableBytes());
                }
            }
        } catch (Throwable t) {
            AgentErrors.record("netty.websocket", t);
        }
    }
}

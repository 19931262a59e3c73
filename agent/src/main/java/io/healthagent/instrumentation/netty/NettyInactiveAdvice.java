package io.healthagent.instrumentation.netty;

import io.healthagent.bootstrap.AgentErrors;
import io.healthagent.bootstrap.PendingRequests;
import io.healthagent.bootstrap.RequestBridge;
import io.healthagent.bootstrap.RequestContext;
import io.healthagent.bootstrap.WebSocketSessions;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameDecoder;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code ByteToMessageDecoder.channelInactive}: when a server connection closes, the requests
 * still waiting for a response end (with the status they were committed with, else 0), and the binding
 * a last decode may have made is undone; a WebSocket connection that closes without a close frame closes
 * with 1006.
 */
public final class NettyInactiveAdvice {
    private NettyInactiveAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static RequestContext enter(@Advice.This Object self, @Advice.Argument(0) ChannelHandlerContext ctx) {
        if (self instanceof WebSocket08FrameDecoder) {
            try {
                // Before the event travels on: a handler further down may still write a close frame, which
                // the peer that vanished never sees. No close frame was seen either way: abnormal.
                WebSocketSessions.closed(ctx.channel(), 1006);
            } catch (Throwable t) {
                AgentErrors.record("netty.close", t);
            }
        }
        return RequestBridge.current();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.This Object self, @Advice.Argument(0) ChannelHandlerContext ctx,
                            @Advice.Enter RequestContext before) {
        try {
            if (self instanceof HttpRequestDecoder) {
                RequestBridge.bind(before);
                PendingRequests.closed(ctx.channel());
            }
        } catch (Throwable t) {
            AgentErrors.record("netty.close", t);
        }
    }
}

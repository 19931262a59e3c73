package io.healthagent.instrumentation.netty;

import io.healthagent.bootstrap.AgentErrors;
import io.healthagent.bootstrap.PendingRequests;
import io.healthagent.bootstrap.RequestBridge;
import io.healthagent.bootstrap.RequestContext;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpRequestDecoder;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code ByteToMessageDecoder.channelInactive}: when a server connection closes, the requests
 * still waiting for a response end (with the status they were committed with, else 0), and the binding
 * a last decode may have made is undone.
 */
public final class NettyInactiveAdvice {
    private NettyInactiveAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static RequestContext enter() {
        return RequestBridge.current();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.This Object self, @Advice.Argument(0) ChannelHandlerContext ctx,
                            @Advice.Enter RequestContext before) {
        if (!(self instanceof HttpRequestDecoder)) {
            return;
        }
        RequestBridge.bind(before);
        try {
            PendingRequests.closed(ctx.channel());
        } catch (Throwable t) {
            AgentErrors.record("netty.close", t);
        }
    }
}

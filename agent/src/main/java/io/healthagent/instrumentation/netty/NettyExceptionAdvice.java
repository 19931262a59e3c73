package io.healthagent.instrumentation.netty;

import io.healthagent.bootstrap.AgentErrors;
import io.healthagent.bootstrap.PendingRequests;
import io.netty.channel.ChannelHandlerContext;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code AbstractChannelHandlerContext.invokeExceptionCaught(Throwable)}: an exception
 * travelling the pipeline of a connection with a request waiting marks that request failed, whether the
 * application's {@code exceptionCaught} then answers, closes, or lets it reach the pipeline's tail.
 */
public final class NettyExceptionAdvice {
    private NettyExceptionAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This ChannelHandlerContext ctx, @Advice.Argument(0) Throwable thrown) {
        try {
            PendingRequests.failed(ctx.channel(), thrown);
        } catch (Throwable t) {
            AgentErrors.record("netty.exception", t);
        }
    }
}

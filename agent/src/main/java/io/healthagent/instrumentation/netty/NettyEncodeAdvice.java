package io.healthagent.instrumentation.netty;

import io.healthagent.bootstrap.AgentErrors;
import io.healthagent.bootstrap.PendingRequests;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.LastHttpContent;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code HttpObjectEncoder.encode(ctx, msg, out)} of server-side encoders: a response head
 * commits the oldest waiting request of the connection with its status (an interim 1xx does not, a 101
 * ends the upgrade request), its last content (or a full response) ends it.
 */
public final class NettyEncodeAdvice {
    private NettyEncodeAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This Object self, @Advice.Argument(0) ChannelHandlerContext ctx,
                             @Advice.Argument(1) Object message) {
        if (!(self instanceof HttpResponseEncoder)) {
            return;
        }
        try {
            if (message instanceof HttpResponse) {
                int status = ((HttpResponse) message).status().code();
                if (status < 200 && status != 101) {
                    return; // 100 Continue and the like: the real response is still to come
                }
                if (message instanceof LastHttpContent && status != 101) {
                    PendingRequests.answered(ctx.channel(), status); // a full response: head and body at once
                    return;
                }
                PendingRequests.committed(ctx.channel(), status);
                if (status == 101) {
                    PendingRequests.ended(ctx.channel());
                    return;
                }
            }
            if (message instanceof LastHttpContent) {
                PendingRequests.ended(ctx.channel());
            }
        } catch (Throwable t) {
            AgentErrors.record("netty.encode", t);
        }
    }
}

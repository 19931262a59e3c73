package io.healthagent.instrumentation.netty;

import io.healthagent.bootstrap.AgentErrors;
import io.healthagent.bootstrap.PendingRequests;
import io.healthagent.bootstrap.RequestBridge;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import java.util.List;
import io.healthagent.instrumentation.weaver.Advice;

/**
 * Inlined into {@code HttpObjectDecoder.decode(ctx, in, out)}: a request head a server-side decoder added
 * to {@code out} starts a request on its connection, bound to this thread for the handlers it reaches.
 */
public final class NettyDecodeAdvice {
    private NettyDecodeAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static int enter(@Advice.This Object self, @Advice.Argument(2) List<Object> out) {
        return self instanceof HttpRequestDecoder ? out.size() : -1;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter int before, @Advice.Argument(0) ChannelHandlerContext ctx,
                            @Advice.Argument(2) List<Object> out) {
        if (before < 0) {
            return;
        }
        try {
            for (int i = before, n = out.size(); i < n; i++) {
                Object message = out.get(i);
                if (message instanceof HttpRequest) {
                    RequestBridge.bind(PendingRequests.started(ctx.channel(), ((HttpRequest) message).uri()));
                }
            }
        } catch (Throwable t) {
            AgentErrors.record("netty.decode", t);
        }
    }
}

package io.healthagent.instrumentation.vertx;

import io.healthagent.bootstrap.PendingRequests;
import io.healthagent.bootstrap.RequestBridge;
import io.healthagent.bootstrap.RequestContext;
import io.netty.channel.ChannelHandlerContext;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into Vert.x's {@code Http1xServerConnection.handleNext(request)} (4.x and 5.x): a pipelined request
 * waits until the response before it has gone out, and is then handed to the application outside the
 * decoder's read, where the netty module binds requests. While Vert.x hands it on, it is bound here, so that
 * the routers it reaches name it; afterwards the thread's binding is put back.
 */
public final class VertxPipelinedAdvice {
    private VertxPipelinedAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static RequestContext enter(@Advice.FieldValue("chctx") ChannelHandlerContext connection) {
        RequestContext before = RequestBridge.current();
        PendingRequests.bindOldest(connection.channel());
        return before;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter RequestContext before) {
        RequestBridge.bind(before);
    }
}

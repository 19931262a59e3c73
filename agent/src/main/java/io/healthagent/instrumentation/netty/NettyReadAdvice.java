package io.healthagent.instrumentation.netty;

import io.healthagent.bootstrap.RequestBridge;
import io.healthagent.bootstrap.RequestContext;
import io.netty.handler.codec.http.HttpObjectDecoder;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code ByteToMessageDecoder.channelRead} (and {@code userEventTriggered}, which may decode too): while an HTTP decoder passes on what it decoded,
 * the request it started stays bound to the event loop thread; afterwards the thread's binding is put
 * back as it was, so nothing that runs later on the loop is taken for part of this request.
 */
public final class NettyReadAdvice {
    private NettyReadAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static RequestContext enter(@Advice.This Object self) {
        return self instanceof HttpObjectDecoder ? RequestBridge.current() : null;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.This Object self, @Advice.Enter RequestContext before) {
        if (self instanceof HttpObjectDecoder) {
            RequestBridge.bind(before);
        }
    }
}

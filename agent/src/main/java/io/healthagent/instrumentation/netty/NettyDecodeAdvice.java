package io.healthagent.instrumentation.netty;

import io.healthagent.bootstrap.AgentErrors;
import io.healthagent.bootstrap.PendingRequests;
import net.bytebuddy.asm.Advice;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpRequest;
import java.util.List;

/**
 * Inlined into {@code ByteToMessageDecoder.fireChannelRead(ctx, CodecOutputList, n)}, the small static
 * method through which every decoder of Netty 4.1 and 4.2 hands on what it decoded: a request head among
 * those messages starts a request on its connection, bound to this thread for the handlers it reaches.
 *
 * <p>Not in {@code HttpObjectDecoder.decode} itself, where it used to be: advice there grew that 933-byte
 * method by 283 bytes and C2 compiled Netty's header parsing worse (a profile put 1.5% of the Netty route's
 * CPU there). Only server-side decoders produce {@link HttpRequest}s (a client's decoder produces
 * responses), so the message's type says which connections serve HTTP.
 */
public final class NettyDecodeAdvice {
    private NettyDecodeAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Argument(0) ChannelHandlerContext ctx, @Advice.Argument(1) List<?> messages,
                             @Advice.Argument(2) int count) {
        try {
            for (int i = 0; i < count; i++) {
                Object message = messages.get(i);
                if (message instanceof HttpRequest) {
                    HttpRequest request = (HttpRequest) message;
                    PendingRequests.startBound(ctx.channel(), request.uri(), request.method().name());
                }
            }
        } catch (Throwable t) {
            AgentErrors.record("netty.decode", t);
        }
    }
}

package io.healthagent.instrumentation.helidon;

import io.healthagent.bootstrap.AgentErrors;
import io.healthagent.bootstrap.RequestBridge;
import io.helidon.http.HttpException;
import io.helidon.http.HttpPrologue;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import net.bytebuddy.asm.Advice;

/** Inlined into {@code HttpRoutingImpl.route(ctx, request, response)}: one request, on its connection's thread. */
public final class HelidonRoutingAdvice {
    private HelidonRoutingAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static long enter(@Advice.Argument(1) RoutingRequest request) {
        long start = RequestBridge.enter();
        if (start != RequestBridge.NOT_RECORDED) {
            try {
                HttpPrologue prologue = request.prologue();
                RequestBridge.offerMethod(prologue.method().text());
                RequestBridge.offerPath(prologue.uriPath().path());
            } catch (Throwable t) {
                AgentErrors.record("helidon.enter", t);
            }
        }
        return start;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter long start, @Advice.Argument(2) RoutingResponse response,
                            @Advice.Thrown Throwable thrown) {
        if (!RequestBridge.exit(start)) {
            return;
        }
        int status = 500;
        try {
            status = thrown == null ? response.status().code()
                    : thrown instanceof HttpException ? ((HttpException) thrown).status().code() : 500;
        } catch (Throwable t) {
            AgentErrors.record("helidon.exit", t);
        }
        RequestBridge.end(start, status);
    }
}

package io.healthagent.instrumentation.httpserver;

import com.sun.net.httpserver.HttpExchange;
import io.healthagent.bootstrap.AgentErrors;
import io.healthagent.bootstrap.RequestBridge;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code com.sun.net.httpserver.Filter.Chain.doFilter(HttpExchange)}, which the JDK's
 * server calls for every exchange, around the system filters, the user's filters and the handler.
 * Instrumenting the chain rather than HttpHandler implementations also measures handlers written as
 * lambdas, whose classes cannot be retransformed. The route is the HttpContext path.
 */
public final class HttpExchangeAdvice {
    private HttpExchangeAdvice() {
    }

    /**
     * The route is read on entry: the JDK keeps an exchange's context on its connection, and once the
     * response is sent a keep-alive client's next request on that connection can replace it before this
     * exchange's exit runs (seen as a /versions request counted under the /slow that followed it).
     */
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static long enter(@Advice.Argument(0) HttpExchange exchange) {
        long start = RequestBridge.enter();
        if (start != RequestBridge.NOT_RECORDED) {
            try {
                RequestBridge.offerRoute(exchange.getHttpContext().getPath());
                RequestBridge.offerMethod(exchange.getRequestMethod());
            } catch (Throwable t) {
                AgentErrors.record("httpserver.enter", t);
            }
        }
        return start;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter long start,
                            @Advice.Argument(0) HttpExchange exchange,
                            @Advice.Thrown Throwable thrown) {
        if (!RequestBridge.exit(start)) {
            return;
        }
        int status = 0;
        try {
            int code = thrown != null ? 500 : exchange.getResponseCode();
            status = code < 0 ? 0 : code;
        } catch (Throwable t) {
            AgentErrors.record("httpserver.exit", t);
        }
        RequestBridge.end(start, status);
    }
}

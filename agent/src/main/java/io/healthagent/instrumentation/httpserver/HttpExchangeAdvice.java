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

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static long enter() {
        return RequestBridge.enter();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter long start,
                            @Advice.Argument(0) HttpExchange exchange,
                            @Advice.Thrown Throwable thrown) {
        if (!RequestBridge.exit(start)) {
            return;
        }
        String route = null;
        int status = 0;
        try {
            route = exchange.getHttpContext().getPath();
            int code = thrown != null ? 500 : exchange.getResponseCode();
            status = code < 0 ? 0 : code;
        } catch (Throwable t) {
            AgentErrors.record("httpserver.exit", t);
        }
        RequestBridge.end(start, route, status);
    }
}

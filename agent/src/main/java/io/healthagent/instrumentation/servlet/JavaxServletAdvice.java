package io.healthagent.instrumentation.servlet;

import io.healthagent.bootstrap.RequestBridge;
import javax.servlet.AsyncListener;
import javax.servlet.DispatcherType;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code Servlet.service(ServletRequest, ServletResponse)} and
 * {@code Filter.doFilter(ServletRequest, ServletResponse, FilterChain)} of javax.servlet (Servlet 3.0 and later).
 *
 * <p>Advice code is copied into host classes, so it may only use the host's servlet API and the
 * bootstrap bridge, never other agent classes. It is {@link JakartaServletAdvice} with javax imports,
 * except for the route: getHttpServletMapping() appeared only in Servlet 4.0, so the route here is the
 * servlet path, which for a prefix mapping such as /stream/* is the prefix.
 *
 * <p>Only the outermost call of a REQUEST dispatch is measured; async re-dispatches and error-page
 * dispatches belong to a request that is being measured already.
 */
public final class JavaxServletAdvice {
    private JavaxServletAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static long enter(@Advice.Argument(0) ServletRequest request) {
        long start = RequestBridge.enter();
        if (start != RequestBridge.NOT_RECORDED && request.getDispatcherType() != DispatcherType.REQUEST) {
            return RequestBridge.NOT_RECORDED;
        }
        return start;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter long start,
                            @Advice.Argument(0) ServletRequest request,
                            @Advice.Argument(1) ServletResponse response,
                            @Advice.Thrown Throwable thrown) {
        if (!RequestBridge.exit(start)) {
            return;
        }
        String route = null;
        if (request instanceof HttpServletRequest) {
            route = ((HttpServletRequest) request).getServletPath();
        }
        if (thrown == null && request.isAsyncStarted()) {
            // The request ends when the async cycle completes, not when service() returns.
            request.getAsyncContext().addListener((AsyncListener) RequestBridge.asyncListener(
                    AsyncListener.class, HttpServletResponse.class, response, start, route));
            return;
        }
        int status = thrown != null ? 500
                : response instanceof HttpServletResponse ? ((HttpServletResponse) response).getStatus() : 0;
        RequestBridge.record(start, route, status);
    }
}

package io.healthagent.instrumentation.servlet;

import io.healthagent.bootstrap.RequestBridge;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code Servlet.service(ServletRequest, ServletResponse)} and
 * {@code Filter.doFilter(ServletRequest, ServletResponse, FilterChain)} of jakarta.servlet.
 *
 * <p>Advice code is copied into host classes, so it may only use the host's servlet API and the
 * bootstrap bridge, never other agent classes (not even a private helper here). It is duplicated in
 * {@link JavaxServletAdvice} for that reason: the two differ only in their imports.
 *
 * <p>Only the outermost call of a REQUEST dispatch is measured; async re-dispatches and error-page
 * dispatches belong to a request that is being measured already.
 */
public final class JakartaServletAdvice {
    private JakartaServletAdvice() {
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
            HttpServletMapping mapping = ((HttpServletRequest) request).getHttpServletMapping();
            route = mapping == null ? null : mapping.getPattern();
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

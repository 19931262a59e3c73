package io.healthagent.instrumentation.servlet;

import io.healthagent.bootstrap.AgentErrors;
import io.healthagent.bootstrap.AsyncListeners;
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
 * bootstrap bridge, never other agent classes (not even a private helper here). Every Throwable it
 * meets is counted per site in {@code AgentErrors}; the nesting depth is kept balanced whatever happens.
 *
 * <p>Only the outermost call of a REQUEST dispatch is a request; async re-dispatches and error-page
 * dispatches belong to a request that is being measured already. The route is the servlet mapping's
 * pattern ({@code /stream/*}), read at the outermost entry: the container maps a request before its
 * filters run. From then until it ends the request is in flight on that route.
 */
public final class JakartaServletAdvice {
    private JakartaServletAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static long enter(@Advice.Argument(0) ServletRequest request) {
        boolean isRequest;
        try {
            isRequest = request.getDispatcherType() == DispatcherType.REQUEST;
        } catch (Throwable t) {
            AgentErrors.record("servlet.jakarta.enter", t);
            isRequest = false;
        }
        long start = RequestBridge.enter(isRequest);
        if (start != RequestBridge.NOT_RECORDED && request instanceof HttpServletRequest) {
            try {
                RequestBridge.offerMethod(((HttpServletRequest) request).getMethod());
            } catch (Throwable t) {
                AgentErrors.record("servlet.jakarta.enter", t);
            }
        }
        if (isRequest && request instanceof HttpServletRequest && RequestBridge.needsRoute()) {
            try {
                // The container maps a request before its filter chain runs, so the route is known at the
                // outermost entry. Inside a request the server measures itself (Undertow), the mapping
                // refines the route the server gave it.
                HttpServletMapping mapping = ((HttpServletRequest) request).getHttpServletMapping();
                RequestBridge.offerRoute(mapping == null ? null : mapping.getPattern());
            } catch (Throwable t) {
                AgentErrors.record("servlet.jakarta.enter", t);
            }
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
        int status = 0;
        try {
            if (thrown == null && request.isAsyncStarted()) {
                // The request ends when its last async cycle ends, on whatever thread that is.
                AsyncListeners.attach(AsyncListener.class, request, response, RequestBridge.detach(start));
                return;
            }
            status = thrown != null ? 500
                    : response instanceof HttpServletResponse ? ((HttpServletResponse) response).getStatus() : 0;
        } catch (Throwable t) {
            AgentErrors.record("servlet.jakarta.exit", t);
        }
        RequestBridge.end(start, status);
    }
}

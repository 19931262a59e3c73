package io.healthagent.instrumentation.servlet;

import io.healthagent.bootstrap.AgentErrors;
import io.healthagent.bootstrap.AsyncListeners;
import io.healthagent.bootstrap.RequestBridge;
import io.healthagent.bootstrap.ServletRoutes;
import java.util.Collection;
import javax.servlet.AsyncListener;
import javax.servlet.DispatcherType;
import javax.servlet.Servlet;
import javax.servlet.ServletConfig;
import javax.servlet.ServletRegistration;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code Servlet.service(ServletRequest, ServletResponse)} and
 * {@code Filter.doFilter(ServletRequest, ServletResponse, FilterChain)} of javax.servlet (Servlet 3.0 and later).
 *
 * <p>As {@link JakartaServletAdvice}, except for the route: Servlet 3 has no {@code getHttpServletMapping()},
 * so the first servlet a REQUEST dispatch reaches offers its route: the URL pattern it is registered under
 * ({@code ServletRegistration.getMappings()}, read once per servlet and cached in {@link ServletRoutes}),
 * the one the request matched when it has several. The outermost exit (often a filter's) takes it. A
 * request that no servlet served (a filter answered) has no route and counts under "other".
 */
public final class JavaxServletAdvice {
    private JavaxServletAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static long enter(@Advice.This Object self, @Advice.Argument(0) ServletRequest request) {
        boolean isRequest;
        try {
            isRequest = request.getDispatcherType() == DispatcherType.REQUEST;
        } catch (Throwable t) {
            AgentErrors.record("servlet.javax.enter", t);
            isRequest = false;
        }
        long start = RequestBridge.enter(isRequest);
        if (start != RequestBridge.NOT_RECORDED && request instanceof HttpServletRequest) {
            try {
                RequestBridge.offerMethod(((HttpServletRequest) request).getMethod());
            } catch (Throwable t) {
                AgentErrors.record("servlet.javax.enter", t);
            }
        }
        if (isRequest && self instanceof Servlet && request instanceof HttpServletRequest && RequestBridge.needsRoute()) {
            try {
                Servlet servlet = (Servlet) self;
                String[] patterns = ServletRoutes.patternsOf(servlet);
                if (patterns == null) { // the first request this servlet serves
                    ServletConfig config = servlet.getServletConfig();
                    ServletRegistration registration = config == null ? null
                            : config.getServletContext().getServletRegistration(config.getServletName());
                    Collection<String> mappings = registration == null ? null : registration.getMappings();
                    patterns = ServletRoutes.remember(servlet, mappings == null ? null : mappings.toArray(new String[0]));
                }
                HttpServletRequest http = (HttpServletRequest) request;
                RequestBridge.offerRoute(ServletRoutes.select(patterns, http.getServletPath(), http.getPathInfo()));
            } catch (Throwable t) {
                AgentErrors.record("servlet.javax.route", t);
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
            AgentErrors.record("servlet.javax.exit", t);
        }
        RequestBridge.end(start, status);
    }
}

package io.healthagent.instrumentation.servlet;

import io.healthagent.bootstrap.AgentErrors;
import io.healthagent.bootstrap.RequestContext;
import javax.servlet.AsyncEvent;
import javax.servlet.AsyncListener;
import javax.servlet.ServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * The listener that ends an async javax.servlet request when its last async cycle ends. Not loaded by the
 * agent: {@link io.healthagent.bootstrap.AsyncListeners} defines it from these bytes in a small loader
 * under the host's own servlet API (see {@link AsyncListenerClasses}), so it uses only that API and the
 * bootstrap bridge. One instance per async request, called directly by the container: no proxy, no
 * argument arrays.
 */
public final class JavaxAsyncListener implements AsyncListener {
    private final RequestContext context;
    private final Object response;

    public JavaxAsyncListener(RequestContext context, Object response) {
        this.context = context;
        this.response = response;
    }

    /**
     * Adds a listener for {@code context} to the request's async context; if the cycle completed on
     * another thread before this call (the container then refuses listeners), ends the request now.
     */
    public static void attach(Object request, Object response, RequestContext context) {
        try {
            ((ServletRequest) request).getAsyncContext().addListener(new JavaxAsyncListener(context, response));
            return;
        } catch (IllegalStateException completedMeanwhile) {
            // The async cycle completed before the servlet returned: the response is final.
        } catch (Throwable t) {
            AgentErrors.record("async.listener-attach", t);
        }
        context.end(status(response));
    }

    @Override
    public void onComplete(AsyncEvent event) {
        context.end(status(response));
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        context.end(500);
    }

    @Override
    public void onError(AsyncEvent event) {
        context.end(500);
    }

    /** A new async cycle (after a dispatch): the container forgets its listeners, so register again. */
    @Override
    public void onStartAsync(AsyncEvent event) {
        try {
            if (!context.isEnded()) {
                event.getAsyncContext().addListener(this);
            }
        } catch (Throwable t) {
            AgentErrors.record("async.listener", t);
        }
    }

    private static int status(Object response) {
        try {
            return response instanceof HttpServletResponse ? ((HttpServletResponse) response).getStatus() : 0;
        } catch (Throwable t) {
            AgentErrors.record("async.listener", t);
            return 0;
        }
    }

    @Override
    public String toString() {
        return "health-agent async listener for " + context.route();
    }
}

package io.healthagent.instrumentation.nanohttpd;

import fi.iki.elonen.NanoHTTPD;
import io.healthagent.bootstrap.AgentErrors;
import io.healthagent.bootstrap.CallDepth;
import io.healthagent.bootstrap.RequestBridge;
import io.healthagent.bootstrap.RequestContext;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code serve(IHTTPSession)} of NanoHTTPD and its subclasses: the outermost call starts the
 * request, bound to this thread until {@code Response.send} ends it. A request whose response was never
 * sent (its connection failed) is ended when the thread serves its next one; an exception escaping
 * {@code serve} ends it as failed (500).
 */
public final class NanoServeAdvice {
    private NanoServeAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Argument(0) NanoHTTPD.IHTTPSession session) {
        if (CallDepth.HTTP.increment() != 0) {
            return; // super.serve(session), or the deprecated serve(uri, ...) it calls
        }
        try {
            RequestContext stale = RequestBridge.bind(null);
            if (stale != null) {
                stale.end();
            }
            NanoHTTPD.Method method = session.getMethod();
            RequestBridge.bind(RequestBridge.startOnPath(session.getUri(), method == null ? null : method.name()));
        } catch (Throwable t) {
            AgentErrors.record("nanohttpd.serve", t);
        }
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Thrown Throwable thrown) {
        if (CallDepth.HTTP.decrement() == 0 && thrown != null) {
            // NanoHTTPD answers an IOException with a 500, and closes the connection on anything else: either
            // way the request failed here.
            RequestContext c = RequestBridge.bind(null);
            if (c != null) {
                c.end(500);
            }
        }
    }
}

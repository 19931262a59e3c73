package io.healthagent.instrumentation.nanohttpd;

import fi.iki.elonen.NanoHTTPD;
import io.healthagent.bootstrap.AgentErrors;
import io.healthagent.bootstrap.RequestBridge;
import io.healthagent.bootstrap.RequestContext;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code NanoHTTPD.Response.send(OutputStream)}: the headers it writes first commit the request
 * bound to this thread, with the response's status; when it returns, the body is written and the request
 * ends. A response sent outside {@code serve} (NanoHTTPD's own 400 for a malformed head) has none.
 */
public final class NanoSendAdvice {
    private NanoSendAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This NanoHTTPD.Response response) {
        try {
            RequestContext c = RequestBridge.current();
            if (c != null) {
                c.committed(response.getStatus() == null ? 0 : response.getStatus().getRequestStatus());
            }
        } catch (Throwable t) {
            AgentErrors.record("nanohttpd.send", t);
        }
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit() {
        RequestContext c = RequestBridge.bind(null);
        if (c != null) {
            c.end();
        }
    }
}

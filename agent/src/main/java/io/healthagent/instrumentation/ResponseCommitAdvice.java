package io.healthagent.instrumentation;

import io.healthagent.bootstrap.RequestBridge;
import net.bytebuddy.asm.Advice;

/**
 * Inlined where a server commits a response (sends its status line and headers): the request running on
 * this thread reaches its time to first byte here (the first commit wins). Where the commit method also
 * writes body-only chunks, {@link IfResponse} checks that the response metadata is there.
 */
public final class ResponseCommitAdvice {
    private ResponseCommitAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit() {
        RequestBridge.committed();
    }

    /** For {@code send(request, response, last, content, callback)}: a commit only with a response. */
    public static final class IfResponse {
        private IfResponse() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter(@Advice.Argument(1) Object response) {
            if (response != null) {
                RequestBridge.committed();
            }
        }
    }
}

package io.healthagent.instrumentation.nanohttpd;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.healthagent.instrumentation.InstrumentationModule;
import io.healthagent.instrumentation.ModuleSupport;
import java.util.Arrays;
import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * NanoHTTPD 2.x as a host's own server. A request starts when the application's {@code serve(session)} is
 * called (its head has been read: a keep-alive connection's idle wait never counts) and ends when
 * {@code Response.send} has written it, headers (the commit) and body (a chunked stream included), on the
 * same thread. An exception escaping {@code serve} is answered 500 by NanoHTTPD, and counted so. NanoHTTPD
 * has no templates: routes come from {@code routes=}, else the first path segment.
 */
public final class NanoHttpdModule implements InstrumentationModule {
    @Override
    public String name() {
        return "nanohttpd";
    }

    @Override
    public List<String> errorSites() {
        return Arrays.asList("nanohttpd.serve", "nanohttpd.send");
    }

    @Override
    public AgentBuilder instrument(AgentBuilder builder, ModuleSupport support) {
        ElementMatcher.Junction<MethodDescription> serve = named("serve").and(takesArguments(1))
                .and(takesArgument(0, named("fi.iki.elonen.NanoHTTPD$IHTTPSession")));
        return builder
                // Only where NanoHTTPD is visible: resolving supertypes everywhere else costs start-up time (and,
                // seen, left the JDK server's own advice out).
                .type(ModuleSupport.declaringSubtypesOf(named("fi.iki.elonen.NanoHTTPD"), serve),
                        ModuleSupport.canSee("fi.iki.elonen.NanoHTTPD"))
                .transform(support.advice(serve, NanoServeAdvice.class))
                .type(named("fi.iki.elonen.NanoHTTPD$Response"))
                .transform(support.advice(named("send").and(takesArguments(1)), NanoSendAdvice.class));
    }
}

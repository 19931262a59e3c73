package io.healthagent.instrumentation.websocket;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
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
 * Tomcat's WebSocket (JSR 356: Jakarta on Tomcat 10.1 and 11, javax on Tomcat 9; Spring Boot's WebSocket on
 * Tomcat), one hook per event, all keyed by the {@code WsSession}:
 * <ul>
 *   <li>the server session's constructor (the one taking the {@code ServerEndpointConfig}): the connection
 *       opens as a WebSocket of the endpoint's path template;</li>
 *   <li>{@code WsFrameBase.processData()} returning true: a frame was read whole (its opcode, fin and length
 *       are the reader's fields); control frames do not count;</li>
 *   <li>{@code WsRemoteEndpointImplBase.writeMessagePart}: a frame sent (blocking or asynchronous, queued
 *       or not, every part passes there once);</li>
 *   <li>{@code WsSession.fireEndpointOnClose}: the session ends with its close code (1006 when the
 *       connection dropped), once.</li>
 * </ul>
 */
public final class TomcatWebSocketModule implements InstrumentationModule {
    @Override
    public String name() {
        return "websocket-tomcat";
    }

    @Override
    public List<String> errorSites() {
        return Arrays.asList("websocket.tomcat");
    }

    @Override
    public AgentBuilder instrument(AgentBuilder builder, ModuleSupport support) {
        // The server session's constructor: the one taking the endpoint's config (its last parameter; Tomcat
        // 11 has 8, 10.1 has 12). Matched by position and name only: a matcher that walks parameter types can
        // load classes inside the transformer, where they escape instrumentation (seen: WsFrameBase).
        String config = "jakarta.websocket.server.ServerEndpointConfig";
        ElementMatcher.Junction<MethodDescription> serverSession = isConstructor().and(
                takesArguments(8).and(takesArgument(7, named(config)))
                        .or(takesArguments(12).and(takesArgument(11, named(config)))));
        // Tomcat 9: the same constructor as 10.1's, on javax's config.
        ElementMatcher.Junction<MethodDescription> javaxServerSession = isConstructor()
                .and(takesArguments(12)).and(takesArgument(11, named("javax.websocket.server.ServerEndpointConfig")));
        return builder
                .type(named("org.apache.tomcat.websocket.WsSession"))
                .transform(support.advice(serverSession, TomcatSessionOpenAdvice.class))
                .transform(support.advice(javaxServerSession, TomcatSessionOpenAdvice.Javax.class))
                .transform(support.advice(named("fireEndpointOnClose").and(takesArguments(1))
                        .and(takesArgument(0, named("jakarta.websocket.CloseReason"))), TomcatSessionCloseAdvice.class))
                .transform(support.advice(named("fireEndpointOnClose").and(takesArguments(1))
                        .and(takesArgument(0, named("javax.websocket.CloseReason"))), TomcatSessionCloseAdvice.Javax.class))
                .type(named("org.apache.tomcat.websocket.WsFrameBase"))
                .transform(support.advice(named("processData").and(takesArguments(0)), TomcatFrameInAdvice.class))
                .type(named("org.apache.tomcat.websocket.WsRemoteEndpointImplBase"))
                .transform(support.advice(named("writeMessagePart").and(takesArguments(1)), TomcatFrameOutAdvice.class));
    }
}

package io.healthagent.instrumentation;

import io.healthagent.instrumentation.actuator.ActuatorHealthModule;
import io.healthagent.instrumentation.dropwizard.DropwizardHealthModule;
import io.healthagent.instrumentation.microprofile.MicroProfileHealthModule;
import io.healthagent.instrumentation.httpserver.JdkHttpServerModule;
import io.healthagent.instrumentation.helidon.HelidonModule;
import io.healthagent.instrumentation.jaxrs.JerseyModule;
import io.healthagent.instrumentation.micronaut.MicronautModule;
import io.healthagent.instrumentation.jaxrs.ResteasyReactiveModule;
import io.healthagent.instrumentation.jetty.JettyCommitModule;
import io.healthagent.instrumentation.nanohttpd.NanoHttpdModule;
import io.healthagent.instrumentation.netty.NettyModule;
import io.healthagent.instrumentation.spring.SpringModule;
import io.healthagent.instrumentation.tomcat.TomcatCommitModule;
import io.healthagent.instrumentation.undertow.UndertowModule;
import io.healthagent.instrumentation.vertx.VertxWebModule;
import io.healthagent.instrumentation.servlet.JakartaServletModule;
import io.healthagent.instrumentation.servlet.JavaxServletModule;
import io.healthagent.instrumentation.websocket.HelidonWebSocketModule;
import io.healthagent.instrumentation.websocket.JavaWebSocketModule;
import io.healthagent.instrumentation.websocket.JettyNineWebSocketModule;
import io.healthagent.instrumentation.websocket.JettyWebSocketModule;
import io.healthagent.instrumentation.websocket.TomcatWebSocketModule;
import io.healthagent.instrumentation.websocket.UndertowWebSocketModule;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** Every instrumentation module, in the order they are installed. Adding a server means adding it here. */
public final class InstrumentationModules {
    public static final List<InstrumentationModule> ALL = Collections.unmodifiableList(Arrays.asList(
            new JakartaServletModule(),
            new JavaxServletModule(),
            new JdkHttpServerModule(),
            new JettyCommitModule(),
            new TomcatCommitModule(),
            new NettyModule(),
            new UndertowModule(),
            new NanoHttpdModule(),
            new SpringModule(),
            new JerseyModule(),
            new ResteasyReactiveModule(),
            new VertxWebModule(),
            new MicronautModule(),
            new HelidonModule(),
            new JettyWebSocketModule(),
            new JettyNineWebSocketModule(),
            new JavaWebSocketModule(),
            new TomcatWebSocketModule(),
            new UndertowWebSocketModule(),
            new HelidonWebSocketModule(),
            new DropwizardHealthModule(),
            new ActuatorHealthModule(),
            new MicroProfileHealthModule()));

    private InstrumentationModules() {
    }
}

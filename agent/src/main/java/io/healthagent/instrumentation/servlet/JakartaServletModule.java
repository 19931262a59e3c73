package io.healthagent.instrumentation.servlet;

import io.healthagent.instrumentation.InstrumentationModule;
import io.healthagent.instrumentation.ModuleSupport;
import java.util.Arrays;
import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;

/** jakarta.servlet (Servlet 5 and later): Jetty 11/12, Tomcat 10/11, Undertow 2.3, ... */
public final class JakartaServletModule implements InstrumentationModule {
    @Override
    public String name() {
        return "servlet-jakarta";
    }

    @Override
    public List<String> errorSites() {
        return Arrays.asList("servlet.jakarta.enter", "servlet.jakarta.exit");
    }

    @Override
    public AgentBuilder instrument(AgentBuilder builder, ModuleSupport support) {
        return ServletModules.instrument(builder, support, "jakarta.servlet", JakartaServletAdvice.class, "JakartaAsyncListener");
    }
}

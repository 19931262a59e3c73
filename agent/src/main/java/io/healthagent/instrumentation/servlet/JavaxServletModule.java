package io.healthagent.instrumentation.servlet;

import io.healthagent.instrumentation.InstrumentationModule;
import io.healthagent.instrumentation.ModuleSupport;
import java.util.Arrays;
import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;

/** javax.servlet (Servlet 3.0 to 4.0): Jetty 9/10, Tomcat 8/9, Undertow 2.0-2.2, ... */
public final class JavaxServletModule implements InstrumentationModule {
    @Override
    public String name() {
        return "servlet-javax";
    }

    @Override
    public List<String> errorSites() {
        return Arrays.asList("servlet.javax.enter", "servlet.javax.route", "servlet.javax.exit");
    }

    @Override
    public AgentBuilder instrument(AgentBuilder builder, ModuleSupport support) {
        return ServletModules.instrument(builder, support, "javax.servlet", JavaxServletAdvice.class, "JavaxAsyncListener");
    }
}

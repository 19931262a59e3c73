package io.healthagent.instrumentation;

import static net.bytebuddy.matcher.ElementMatchers.declaresMethod;
import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.isMethod;
import static net.bytebuddy.matcher.ElementMatchers.isSynthetic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.healthagent.bootstrap.RequestBridge;
import io.healthagent.instrumentation.httpserver.HttpExchangeAdvice;
import io.healthagent.instrumentation.servlet.JakartaServletAdvice;
import io.healthagent.instrumentation.servlet.JavaxServletAdvice;
import java.lang.instrument.Instrumentation;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Installs the request advice with Byte Buddy: jakarta and javax Servlet/Filter, and the JDK's
 * HttpServer. Classes already loaded (an agent attached at run time, or a handler loaded before the
 * agent) are retransformed. Advice is resolved by name from the agent's loader, so the agent never
 * loads the host's servlet API itself.
 */
public final class AgentInstaller {
    private AgentInstaller() {
    }

    /** @return the number of types instrumented so far (retransformed ones included) */
    public static int install(Instrumentation inst) {
        ClassLoader agentLoader = AgentInstaller.class.getClassLoader();
        InstallListener listener = new InstallListener();
        new AgentBuilder.Default()
                .disableClassFormatChanges()
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .with(listener)
                .ignore(ignored(), loader -> loader == agentLoader)
                .type(servletTypes("jakarta.servlet"), new HasClassResource("jakarta.servlet.Servlet"))
                .transform(advice(agentLoader, servletMethods("jakarta.servlet"), JakartaServletAdvice.class))
                .type(servletTypes("javax.servlet"), new HasClassResource("javax.servlet.Servlet"))
                .transform(advice(agentLoader, servletMethods("javax.servlet"), JavaxServletAdvice.class))
                .type(named("com.sun.net.httpserver.Filter$Chain"))
                .transform(advice(agentLoader, named("doFilter").and(takesArguments(1))
                        .and(takesArgument(0, named("com.sun.net.httpserver.HttpExchange"))), HttpExchangeAdvice.class))
                // jdk.httpserver is a named module: let it read the bridge's (unnamed) module.
                .assureReadEdgeTo(inst, RequestBridge.class)
                .installOn(inst);
        return listener.instrumented();
    }

    /** Cheap name checks first, so most classes are rejected before any supertype is resolved. */
    private static ElementMatcher.Junction<TypeDescription> ignored() {
        return nameStartsWith("java.")
                .or(nameStartsWith("jdk."))
                .or(nameStartsWith("sun."))
                .or(nameStartsWith("com.sun.").and(not(nameStartsWith("com.sun.net.httpserver."))))
                .or(nameStartsWith("net.bytebuddy."))
                .or(nameStartsWith("io.healthagent."))
                .or(isSynthetic());
    }

    /**
     * Only types that declare service(...) or doFilter(...) themselves: checking a type's own methods
     * costs nothing, while resolving its supertypes reads class files. A servlet that only overrides
     * doGet inherits service() from HttpServlet, which is instrumented itself.
     */
    private static ElementMatcher.Junction<TypeDescription> servletTypes(String api) {
        return not(isInterface()).and(declaresMethod(servletMethods(api)))
                .and(hasSuperType(named(api + ".Servlet").or(named(api + ".Filter"))));
    }

    /** Servlet.service(ServletRequest, ServletResponse) and Filter.doFilter(ServletRequest, ServletResponse, FilterChain). */
    private static ElementMatcher.Junction<MethodDescription> servletMethods(String api) {
        ElementMatcher.Junction<MethodDescription> requestAndResponse = takesArgument(0, named(api + ".ServletRequest"))
                .and(takesArgument(1, named(api + ".ServletResponse")));
        return isMethod().and(not(isAbstract())).and(
                named("service").and(takesArguments(2)).and(requestAndResponse)
                        .or(named("doFilter").and(takesArguments(3)).and(requestAndResponse)
                                .and(takesArgument(2, named(api + ".FilterChain")))));
    }

    private static AgentBuilder.Transformer advice(ClassLoader agentLoader,
                                                   ElementMatcher<? super MethodDescription> methods, Class<?> advice) {
        return new AgentBuilder.Transformer.ForAdvice()
                .include(agentLoader)
                .advice(methods, advice.getName());
    }
}

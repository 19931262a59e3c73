package io.healthagent.instrumentation.servlet;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isMethod;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.healthagent.instrumentation.ModuleSupport;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/** The matchers both servlet APIs share; only the package differs. */
final class ServletModules {
    private ServletModules() {
    }

    /**
     * Servlets and filters that declare service(...) or doFilter(...) themselves. A servlet that only
     * overrides doGet inherits service() from HttpServlet, which is instrumented itself.
     * {@code asyncListener}: the class in this package that ends the API's async requests.
     */
    static AgentBuilder instrument(AgentBuilder builder, ModuleSupport support, String api, Class<?> advice, String asyncListener) {
        AsyncListenerClasses.register(api, asyncListener);
        ElementMatcher.Junction<MethodDescription> methods = methods(api);
        return builder
                .type(ModuleSupport.declaringSubtypesOf(named(api + ".Servlet").or(named(api + ".Filter")), methods),
                        ModuleSupport.canSee(api + ".Servlet"))
                .transform(support.advice(methods, advice));
    }

    /** Servlet.service(ServletRequest, ServletResponse) and Filter.doFilter(ServletRequest, ServletResponse, FilterChain). */
    private static ElementMatcher.Junction<MethodDescription> methods(String api) {
        ElementMatcher.Junction<MethodDescription> requestAndResponse = takesArgument(0, named(api + ".ServletRequest"))
                .and(takesArgument(1, named(api + ".ServletResponse")));
        return isMethod().and(not(isAbstract())).and(
                named("service").and(takesArguments(2)).and(requestAndResponse)
                        .or(named("doFilter").and(takesArguments(3)).and(requestAndResponse)
                                .and(takesArgument(2, named(api + ".FilterChain")))));
    }
}

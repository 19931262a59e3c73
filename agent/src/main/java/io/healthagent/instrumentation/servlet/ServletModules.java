package io.healthagent.instrumentation.servlet;

import static io.healthagent.instrumentation.weaver.Matchers.isAbstract;
import static io.healthagent.instrumentation.weaver.Matchers.isMethod;
import static io.healthagent.instrumentation.weaver.Matchers.named;
import static io.healthagent.instrumentation.weaver.Matchers.not;
import static io.healthagent.instrumentation.weaver.Matchers.takesArgument;
import static io.healthagent.instrumentation.weaver.Matchers.takesArguments;

import io.healthagent.instrumentation.ModuleSupport;
import io.healthagent.instrumentation.weaver.Rules;
import io.healthagent.instrumentation.weaver.MethodView;
import io.healthagent.instrumentation.weaver.Matcher;

/** The matchers both servlet APIs share; only the package differs. */
final class ServletModules {
    private ServletModules() {
    }

    /**
     * Servlets and filters that declare service(...) or doFilter(...) themselves. A servlet that only
     * overrides doGet inherits service() from HttpServlet, which is instrumented itself.
     * {@code asyncListener}: the class in this package that ends the API's async requests.
     */
    static Rules instrument(Rules builder, ModuleSupport support, String api, Class<?> advice, String asyncListener) {
        AsyncListenerClasses.register(api, asyncListener);
        Matcher<MethodView> methods = methods(api);
        return builder
                .type(ModuleSupport.declaringSubtypesOf(named(api + ".Servlet").or(named(api + ".Filter")), methods),
                        ModuleSupport.canSee(api + ".Servlet"))
                .transform(support.advice(methods, advice));
    }

    /** Servlet.service(ServletRequest, ServletResponse) and Filter.doFilter(ServletRequest, ServletResponse, FilterChain). */
    private static Matcher<MethodView> methods(String api) {
        Matcher<MethodView> requestAndResponse = takesArgument(0, named(api + ".ServletRequest"))
                .and(takesArgument(1, named(api + ".ServletResponse")));
        return isMethod().and(not(isAbstract())).and(
                named("service").and(takesArguments(2)).and(requestAndResponse)
                        .or(named("doFilter").and(takesArguments(3)).and(requestAndResponse)
                                .and(takesArgument(2, named(api + ".FilterChain")))));
    }
}

package io.healthagent.instrumentation.spring;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.healthagent.instrumentation.InstrumentationModule;
import io.healthagent.instrumentation.ModuleSupport;
import java.util.Arrays;
import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * Spring's routes as the request's template: the pattern its handler mapping chose
 * ({@code HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE}, {@code /api/tracks/{id}}), for annotated
 * controllers and functional routes alike. Requests themselves are measured where they run: Spring MVC's
 * by the servlet modules (its DispatcherServlet is mapped at {@code /}, which this refines), WebFlux's by
 * the netty module (Reactor Netty) or the servlet modules.
 * <ul>
 *   <li>Spring MVC 5 (javax.servlet), 6 and 7: after {@code DispatcherServlet.getHandler(request)}, the request
 *       attribute.</li>
 *   <li>WebFlux 5.3 to 7: when {@code DispatcherHandler} calls the handler it found
 *       ({@code handleRequestWith}, {@code invokeHandler} before 6), the exchange attribute.</li>
 * </ul>
 */
public final class SpringModule implements InstrumentationModule {

    @Override
    public String name() {
        return "spring";
    }

    @Override
    public List<String> errorSites() {
        return Arrays.asList("spring.mvc.route", "spring.webflux.route");
    }

    @Override
    public AgentBuilder instrument(AgentBuilder builder, ModuleSupport support) {
        return builder
                .type(named("org.springframework.web.servlet.DispatcherServlet"))
                .transform(support.advice(named("getHandler").and(takesArguments(1))
                        .and(takesArgument(0, named("jakarta.servlet.http.HttpServletRequest"))), SpringMvcRouteAdvice.class))
                .transform(support.advice(named("getHandler").and(takesArguments(1))
                        .and(takesArgument(0, named("javax.servlet.http.HttpServletRequest"))), SpringMvcRouteAdvice.Javax.class))
                .type(named("org.springframework.web.reactive.DispatcherHandler"))
                .transform(support.advice(namedOneOf("handleRequestWith", "invokeHandler").and(takesArguments(2))
                        .and(takesArgument(0, named("org.springframework.web.server.ServerWebExchange"))),
                        SpringWebFluxRouteAdvice.class));
    }
}

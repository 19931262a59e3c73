package io.healthagent.instrumentation.spring;

import io.healthagent.bootstrap.AgentErrors;
import io.healthagent.bootstrap.RequestBridge;
import jakarta.servlet.http.HttpServletRequest;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code DispatcherServlet.getHandler(request)}: the pattern the mapping chose names the request.
 * {@link Javax} is the same for Spring MVC 5 on javax.servlet (Spring Boot 2).
 */
public final class SpringMvcRouteAdvice {
    private SpringMvcRouteAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.Argument(0) HttpServletRequest request) {
        if (!RequestBridge.inRequest()) {
            return; // an error-page dispatch after the request ended: it keeps the route it had
        }
        try {
            Object pattern = request.getAttribute("org.springframework.web.servlet.HandlerMapping.bestMatchingPattern");
            if (pattern != null) {
                RequestBridge.offerTemplate(pattern.toString());
            }
        } catch (Throwable t) {
            AgentErrors.record("spring.mvc.route", t);
        }
    }

    public static final class Javax {
        private Javax() {
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        public static void exit(@Advice.Argument(0) javax.servlet.http.HttpServletRequest request) {
            if (!RequestBridge.inRequest()) {
                return;
            }
            try {
                Object pattern = request.getAttribute("org.springframework.web.servlet.HandlerMapping.bestMatchingPattern");
                if (pattern != null) {
                    RequestBridge.offerTemplate(pattern.toString());
                }
            } catch (Throwable t) {
                AgentErrors.record("spring.mvc.route", t);
            }
        }
    }
}

package io.healthagent.instrumentation;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.healthagent.bootstrap.AgentErrors;
import io.healthagent.bootstrap.AsyncListeners;
import io.healthagent.bootstrap.HttpMethods;
import io.healthagent.instrumentation.servlet.AsyncListenerClasses;
import io.healthagent.instrumentation.servlet.JakartaAsyncListener;
import io.healthagent.bootstrap.RequestBridge;
import io.healthagent.bootstrap.RequestContext;
import io.healthagent.bootstrap.RequestSink;
import io.healthagent.instrumentation.servlet.JakartaServletAdvice;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.GenericServlet;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.dynamic.loading.ClassLoadingStrategy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The jakarta servlet advice, inlined by Byte Buddy into a servlet exactly as the agent does, driven with
 * requests that misbehave: every Throwable is counted at its site, the host's own exceptions pass through,
 * and the nesting depth stays balanced. And the async listener ends a request exactly once.
 */
class ServletAdviceTest {
    /** A servlet whose service() can nest (call itself once) or throw, as filters and forwards do. */
    public static class TestServlet extends GenericServlet {
        @Override
        public void service(ServletRequest req, ServletResponse res) {
            if ("nest".equals(req.getAttribute("mode"))) {
                req.setAttribute("mode", "done");
                service(req, res);
            } else if ("throw".equals(req.getAttribute("mode"))) {
                throw new IllegalStateException("host failure");
            }
        }
    }

    static final class Ended {
        final String route;
        final int status;

        Ended(String route, int status) {
            this.route = route;
            this.status = status;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Ended && java.util.Objects.equals(route, ((Ended) o).route) && status == ((Ended) o).status;
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(route, status);
        }

        @Override
        public String toString() {
            return route + " " + status;
        }
    }

    private final List<Ended> ended = new ArrayList<>();
    private final List<String> started = new ArrayList<>();
    private final List<String> methods = new ArrayList<>();
    private GenericServlet servlet;

    @BeforeEach
    void install() throws Exception {
        RequestBridge.install(new RequestSink() {
            @Override
            public void routeStarted(String route) {
                started.add(route);
            }

            @Override
            public void routeChanged(String from, String to) {
                started.add(from + "->" + to);
            }

            @Override
            public String routeForPath(String path) {
                return null;
            }

            @Override
            public void requestEnded(String route, int method, long start, long committed, long end, int status,
                                     boolean inFlightCounted) {
                assertTrue(end >= start, "the end comes after the start");
                methods.add(HttpMethods.name(method));
                ended.add(new Ended(route, status));
            }
        });
        AsyncListenerClasses.register("jakarta.servlet", "JakartaAsyncListener"); // as the servlet module does
        Class<?> instrumented = new ByteBuddy()
                .redefine(TestServlet.class)
                .visit(Advice.to(JakartaServletAdvice.class).on(named("service").and(takesArguments(2))))
                .make()
                .load(TestServlet.class.getClassLoader(), ClassLoadingStrategy.Default.CHILD_FIRST)
                .getLoaded();
        servlet = (GenericServlet) instrumented.getConstructor().newInstance();
    }

    @AfterEach
    void uninstall() {
        RequestBridge.install(null);
    }

    /** A request whose methods answer from {@code answers}; a Throwable answer is thrown. */
    @SuppressWarnings("unchecked")
    static <T> T proxy(Class<T> type, Map<String, Object> answers) {
        Map<String, Object> attributes = new java.util.HashMap<>();
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (p, m, a) -> {
            if (m.getName().equals("getAttribute")) return attributes.get((String) a[0]);
            if (m.getName().equals("setAttribute")) return attributes.put((String) a[0], a[1]);
            Object answer = answers.get(m.getName());
            if (answer instanceof Throwable) throw (Throwable) answer;
            if (answer instanceof Function) return ((Function<Object[], Object>) answer).apply(a);
            return answer;
        });
    }

    static HttpServletMapping mapping(String pattern) {
        return proxy(HttpServletMapping.class, Map.of("getPattern", pattern));
    }

    static long errors(String site) {
        return AgentErrors.counts().getOrDefault(site, 0L);
    }

    private static int depthAfter() {
        long probe = RequestBridge.enter(); // depth 0 again: this is an outermost call
        RequestBridge.exit(probe);
        return probe == RequestBridge.NOT_RECORDED ? 1 : 0;
    }

    @Test
    void aNestedCallIsOneRequestWithItsRouteAndStatus() throws Exception {
        HttpServletRequest req = proxy(HttpServletRequest.class, Map.of("getDispatcherType", DispatcherType.REQUEST,
                "getHttpServletMapping", mapping("/stream/*"), "isAsyncStarted", false, "getMethod", "HEAD"));
        HttpServletResponse res = proxy(HttpServletResponse.class, Map.of("getStatus", 206));
        req.setAttribute("mode", "nest");
        servlet.service(req, res);
        assertEquals(List.of(new Ended("/stream/*", 206)), ended);
        assertEquals(List.of("HEAD"), methods, "the method, read at the outermost entry");
        assertEquals(0, depthAfter());
    }

    @Test
    void theHostsExceptionPassesThroughAndCountsAs500() throws Exception {
        HttpServletRequest req = proxy(HttpServletRequest.class, Map.of("getDispatcherType", DispatcherType.REQUEST,
                "getHttpServletMapping", mapping("/api/crash"), "isAsyncStarted", false));
        HttpServletResponse res = proxy(HttpServletResponse.class, Map.of("getStatus", 200));
        req.setAttribute("mode", "throw");
        assertThrows(IllegalStateException.class, () -> servlet.service(req, res));
        assertEquals(List.of(new Ended("/api/crash", 500)), ended);
        assertEquals(0, depthAfter());
    }

    @Test
    void aThrowableInTheEntryAdviceIsCountedAndTheRequestStillServed() throws Exception {
        long before = errors("servlet.jakarta.enter");
        HttpServletRequest req = proxy(HttpServletRequest.class,
                Map.of("getDispatcherType", new UnsupportedOperationException("broken request")));
        servlet.service(req, proxy(HttpServletResponse.class, Map.of()));
        assertEquals(before + 1, errors("servlet.jakarta.enter"), "counted at its site");
        assertEquals(List.of(), ended, "not a request the agent could classify: not recorded");
        assertEquals(0, depthAfter(), "the nesting depth stays balanced");
    }

    @Test
    void aThrowableInTheExitAdviceIsCountedAndTheRequestRecordedOnce() throws Exception {
        long before = errors("servlet.jakarta.exit");
        HttpServletRequest req = proxy(HttpServletRequest.class, Map.of("getDispatcherType", DispatcherType.REQUEST,
                "getHttpServletMapping", mapping("/api/x"), "isAsyncStarted", new IllegalStateException("boom")));
        servlet.service(req, proxy(HttpServletResponse.class, Map.of("getStatus", 200)));
        assertEquals(before + 1, errors("servlet.jakarta.exit"));
        assertEquals(List.of(new Ended("/api/x", 0)), ended, "recorded once, status unknown");
        assertEquals(0, depthAfter());
    }

    @Test
    void anAsyncRequestEndsOnceAtTheLastCycleWhateverCallbackComesFirst() throws Exception {
        List<Object> added = new ArrayList<>();
        AsyncContext asyncContext = proxy(AsyncContext.class, Map.of("addListener", (Function<Object[], Object>) a -> {
            added.add(a[0]);
            return null;
        }));
        HttpServletRequest req = proxy(HttpServletRequest.class, Map.of("getDispatcherType", DispatcherType.REQUEST,
                "getHttpServletMapping", mapping("/api/async"), "isAsyncStarted", true, "getAsyncContext", asyncContext,
                "getMethod", "PROPFIND"));
        HttpServletResponse res = proxy(HttpServletResponse.class, Map.of("getStatus", 201));
        servlet.service(req, res);
        assertEquals(List.of(), ended, "service() returned, the request goes on");
        assertEquals(1, added.size(), "a listener was added to the async context");
        AsyncListener listener = (AsyncListener) added.get(0);
        // Defined under the host's servlet API (here the test's loader), not the agent's, and not a proxy.
        assertSame(AsyncListener.class.getClassLoader(), listener.getClass().getClassLoader().getParent());
        assertEquals("io.healthagent.instrumentation.servlet.JakartaAsyncListener", listener.getClass().getName());
        assertNotSame(JakartaAsyncListener.class, listener.getClass());
        AsyncEvent event = new AsyncEvent(asyncContext);

        listener.onStartAsync(event); // a second cycle: the container drops its listeners
        assertEquals(2, added.size(), "the listener registers itself again for the next cycle");
        assertEquals(listener, added.get(1));
        listener.onComplete(event);
        listener.onComplete(event);
        listener.onTimeout(event);
        assertEquals(List.of(new Ended("/api/async", 201)), ended, "ended exactly once");
        assertEquals(List.of("other"), methods, "a method outside the standard nine, carried to the other thread");
    }

    @Test
    void aTimeoutEndsTheRequestAsAnError() throws Exception {
        long start = RequestBridge.enter(true);
        RequestBridge.offerRoute("/api/timeout");
        RequestContext context = RequestBridge.detach(start);
        RequestBridge.exit(start);
        assertEquals(List.of("/api/timeout"), started, "in flight on its route from the offer on");
        AsyncListener listener = (AsyncListener) AsyncListeners.listener(AsyncListener.class,
                proxy(HttpServletResponse.class, Map.of("getStatus", 200)), context);
        assertNotNull(listener);
        AsyncEvent event = new AsyncEvent(proxy(AsyncContext.class, Map.of()));
        listener.onTimeout(event);
        listener.onComplete(event);
        assertEquals(List.of(new Ended("/api/timeout", 500)), ended);
    }
}

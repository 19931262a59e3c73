package io.healthagent.bootstrap;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * Ends an async servlet request when its async cycle ends, for jakarta.servlet and javax.servlet alike.
 *
 * <p>The listener is a JDK proxy of the host's own {@code AsyncListener} interface, so that no agent class
 * has to be injected into the host's class loader. What is per API (the proxy class's constructor, method
 * handles for {@code getStatus}, {@code getAsyncContext} and {@code addListener}) is resolved once and
 * cached in a {@link ClassValue}; per request this costs the {@link RequestContext}, its handler and the
 * proxy instance (about 100 bytes in all), and no reflective look-up. Servlet advice calls {@link #attach}.
 *
 * <ul>
 *   <li>{@code onComplete}: the request ends with the response's status.</li>
 *   <li>{@code onTimeout}, {@code onError}: the request ends as failed (500) at that moment.</li>
 *   <li>{@code onStartAsync}: the application started a further async cycle (after
 *       {@code AsyncContext.dispatch()}); the container drops listeners at that point, so the listener
 *       registers itself again and the request ends when its last cycle does.</li>
 * </ul>
 */
public final class AsyncListeners {
    private static final ClassValue<Api> APIS = new ClassValue<Api>() {
        @Override
        protected Api computeValue(Class<?> listenerType) {
            try {
                return new Api(listenerType);
            } catch (Throwable t) {
                AgentErrors.record("async.listener-api", t);
                return null;
            }
        }
    };

    private AsyncListeners() {
    }

    /**
     * Called by servlet advice at the outermost exit of a request whose async cycle has started: adds a
     * listener that ends {@code context} when the last cycle ends. If the cycle completed on another
     * thread before this call (the container then refuses new listeners), or the API cannot be resolved
     * (counted as an agent error), the request ends now with the response's status.
     *
     * @param listenerType jakarta.servlet.AsyncListener or javax.servlet.AsyncListener
     */
    public static void attach(Class<?> listenerType, Object request, Object response, RequestContext context) {
        Api api = APIS.get(listenerType);
        try {
            if (api != null) {
                Object listener = api.proxyConstructor.newInstance(new Handler(api, response, context));
                api.addListener.invokeExact(api.getRequestAsyncContext.invokeExact(request), listener);
                return;
            }
        } catch (IllegalStateException completedMeanwhile) {
            // The async cycle completed before this exit: the response is final.
        } catch (Throwable t) {
            AgentErrors.record("async.listener-attach", t);
        }
        int status = 0;
        try {
            status = api == null ? 0 : (int) api.getStatus.invokeExact(response);
        } catch (Throwable t) {
            AgentErrors.record("async.listener-attach", t);
        }
        context.end(status);
    }

    /** A listener for {@code context} (tests and benchmarks drive it as a container would), or null. */
    public static Object listener(Class<?> listenerType, Object response, RequestContext context) {
        Api api = APIS.get(listenerType);
        if (api == null) {
            return null;
        }
        try {
            return api.proxyConstructor.newInstance(new Handler(api, response, context));
        } catch (Throwable t) {
            AgentErrors.record("async.listener-create", t);
            return null;
        }
    }

    /** Everything reflective about one servlet API, resolved once. */
    static final class Api {
        final Constructor<?> proxyConstructor;
        final MethodHandle getStatus;       // (Object response) int
        final MethodHandle getAsyncContext; // (Object event) Object
        final MethodHandle addListener;     // (Object asyncContext, Object listener) void
        final MethodHandle getRequestAsyncContext; // (Object request) Object

        Api(Class<?> listenerType) throws ReflectiveOperationException {
            ClassLoader loader = listenerType.getClassLoader();
            String pkg = listenerType.getName().substring(0, listenerType.getName().lastIndexOf('.'));
            Class<?> response = Class.forName(pkg + ".http.HttpServletResponse", false, loader);
            Class<?> event = Class.forName(pkg + ".AsyncEvent", false, loader);
            Class<?> asyncContext = Class.forName(pkg + ".AsyncContext", false, loader);
            Class<?> request = Class.forName(pkg + ".ServletRequest", false, loader);
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            // One throw-away instance gives the proxy class (cached by the JDK per loader and interface).
            InvocationHandler none = (proxy, method, args) -> null;
            this.proxyConstructor = Proxy.newProxyInstance(loader, new Class<?>[] {listenerType}, none).getClass()
                    .getConstructor(InvocationHandler.class);
            this.getStatus = lookup.findVirtual(response, "getStatus", MethodType.methodType(int.class))
                    .asType(MethodType.methodType(int.class, Object.class));
            this.getAsyncContext = lookup.findVirtual(event, "getAsyncContext", MethodType.methodType(asyncContext))
                    .asType(MethodType.methodType(Object.class, Object.class));
            this.addListener = lookup.findVirtual(asyncContext, "addListener",
                    MethodType.methodType(void.class, listenerType))
                    .asType(MethodType.methodType(void.class, Object.class, Object.class));
            this.getRequestAsyncContext = lookup.findVirtual(request, "getAsyncContext",
                    MethodType.methodType(asyncContext)).asType(MethodType.methodType(Object.class, Object.class));
        }
    }

    /** The proxy's handler: all state of one async request. */
    static final class Handler implements InvocationHandler {
        private final Api api;
        private final Object response;
        private final RequestContext context;

        Handler(Api api, Object response, RequestContext context) {
            this.api = api;
            this.response = response;
            this.context = context;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) {
            try {
                switch (method.getName()) {
                    case "onComplete":
                        context.end(status());
                        return null;
                    case "onTimeout":
                    case "onError":
                        context.end(500);
                        return null;
                    case "onStartAsync":
                        // A new async cycle: the container forgets its listeners, so register again.
                        if (!context.isEnded() && args != null && args.length == 1) {
                            api.addListener.invokeExact(api.getAsyncContext.invokeExact(args[0]), proxy);
                        }
                        return null;
                    case "hashCode":
                        return System.identityHashCode(proxy);
                    case "equals":
                        return args != null && proxy == args[0];
                    case "toString":
                        return "health-agent async listener for " + context.route();
                    default:
                        return null;
                }
            } catch (Throwable t) {
                AgentErrors.record("async.listener", t);
                return null;
            }
        }

        private int status() throws Throwable {
            return (int) api.getStatus.invokeExact(response);
        }
    }
}

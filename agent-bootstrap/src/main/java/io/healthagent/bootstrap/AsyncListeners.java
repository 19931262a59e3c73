package io.healthagent.bootstrap;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Ends an async servlet request when its async cycle ends, for jakarta.servlet and javax.servlet alike.
 *
 * <p>The listener must implement the host's own {@code AsyncListener} interface, which the agent cannot
 * see. So the agent hands over the bytes of a listener class compiled against each servlet API
 * ({@link #register}), and the first async request of an API defines that class in a small loader of its
 * own under the API's loader: the class then sees the host's interface and this bridge, and nothing of
 * the agent. Per request that costs the {@link RequestContext} and one listener (24 bytes), which the
 * container calls directly; what is per API (the class, method handles for its {@code attach} and its
 * constructor) is resolved once and cached in a {@link ClassValue}. Servlet advice calls {@link #attach}.
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
    /** The listener class for each servlet API, by the name of the API's listener interface. */
    private static final ConcurrentHashMap<String, ListenerClass> CLASSES = new ConcurrentHashMap<>();

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
     * The listener class for the servlet API whose listener interface is {@code listenerInterface}: its
     * binary name and class file. It must have a public static {@code attach(Object request, Object
     * response, RequestContext)} and a public constructor {@code (RequestContext, Object response)}.
     */
    public static void register(String listenerInterface, String className, byte[] classFile) {
        CLASSES.put(listenerInterface, new ListenerClass(className, classFile));
    }

    /**
     * Called by servlet advice at the outermost exit of a request whose async cycle has started: adds a
     * listener that ends {@code context} when the last cycle ends. If the cycle completed on another
     * thread before this call (the container then refuses new listeners), the request ends now with the
     * response's status; if the API's listener cannot be made (counted as an agent error), with status 0.
     *
     * @param listenerType jakarta.servlet.AsyncListener or javax.servlet.AsyncListener
     */
    public static void attach(Class<?> listenerType, Object request, Object response, RequestContext context) {
        Api api = APIS.get(listenerType);
        try {
            if (api != null) {
                api.attach.invokeExact(request, response, context);
                return;
            }
        } catch (Throwable t) {
            AgentErrors.record("async.listener-attach", t);
        }
        context.end(0);
    }

    /** A listener for {@code context} (tests and benchmarks drive it as a container would), or null. */
    public static Object listener(Class<?> listenerType, Object response, RequestContext context) {
        Api api = APIS.get(listenerType);
        if (api == null) {
            return null;
        }
        try {
            return api.create.invokeExact(context, response);
        } catch (Throwable t) {
            AgentErrors.record("async.listener-create", t);
            return null;
        }
    }

    private static final class ListenerClass {
        final String name;
        final byte[] classFile;

        ListenerClass(String name, byte[] classFile) {
            this.name = name;
            this.classFile = classFile;
        }
    }

    /** One servlet API's listener class, defined under it, and its two entry points. */
    static final class Api {
        final MethodHandle attach; // (Object request, Object response, RequestContext) void
        final MethodHandle create; // (RequestContext, Object response) Object

        Api(Class<?> listenerType) throws ReflectiveOperationException {
            ListenerClass listener = CLASSES.get(listenerType.getName());
            if (listener == null) {
                throw new ClassNotFoundException("no async listener registered for " + listenerType.getName());
            }
            Class<?> type = new ListenerLoader(listenerType.getClassLoader(), listener).loadClass(listener.name);
            if (!listenerType.isAssignableFrom(type)) {
                throw new ClassCastException(listener.name + " does not implement this " + listenerType.getName());
            }
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            this.attach = lookup.findStatic(type, "attach",
                    MethodType.methodType(void.class, Object.class, Object.class, RequestContext.class));
            this.create = lookup.findConstructor(type, MethodType.methodType(void.class, RequestContext.class, Object.class))
                    .asType(MethodType.methodType(Object.class, RequestContext.class, Object.class));
        }
    }

    /**
     * Defines one listener class under the loader of the host's servlet API (its parent), which resolves
     * everything else the class names: the API's types and, through its own parents, this bridge.
     */
    private static final class ListenerLoader extends ClassLoader {
        private final ListenerClass listener;

        ListenerLoader(ClassLoader apiLoader, ListenerClass listener) {
            super(apiLoader);
            this.listener = listener;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.equals(listener.name)) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    c = defineClass(name, listener.classFile, 0, listener.classFile.length);
                }
                if (resolve) {
                    resolveClass(c);
                }
                return c;
            }
        }
    }
}

package io.healthagent.bootstrap;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;

/**
 * Handler behind the AsyncListener proxy: a timeout or an error marks the request failed, and
 * onComplete (which the container always calls last) records it once.
 */
final class AsyncCompletion implements InvocationHandler {
    private final Class<?> responseType;
    private final Object response;
    private final long start;
    private final String route;
    private volatile boolean failed;
    private volatile boolean recorded;

    AsyncCompletion(Class<?> responseType, Object response, long start, String route) {
        this.responseType = responseType;
        this.response = response;
        this.start = start;
        this.route = route;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) {
        String name = method.getName();
        switch (name) {
            case "onTimeout":
            case "onError":
                failed = true;
                return null;
            case "onComplete":
                complete();
                return null;
            case "onStartAsync":
                return null;
            case "hashCode":
                return System.identityHashCode(proxy);
            case "equals":
                return proxy == args[0];
            case "toString":
                return "health-agent async listener for " + route;
            default:
                return null;
        }
    }

    private void complete() {
        if (recorded) {
            return;
        }
        recorded = true;
        int status = failed ? 500 : statusOf();
        RequestBridge.record(start, route, status);
    }

    private int statusOf() {
        try {
            Object value = responseType.getMethod("getStatus").invoke(response);
            return value instanceof Integer ? (Integer) value : 0;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return 0;
        }
    }
}

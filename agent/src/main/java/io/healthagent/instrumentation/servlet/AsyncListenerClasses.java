package io.healthagent.instrumentation.servlet;

import io.healthagent.bootstrap.AgentErrors;
import io.healthagent.bootstrap.AsyncListeners;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Hands the bootstrap the class file of a servlet API's async listener ({@link JakartaAsyncListener},
 * {@link JavaxAsyncListener}), read as a resource: the agent never loads those classes itself (its loader
 * cannot see the host's servlet API); {@link AsyncListeners} defines them under the host's.
 */
public final class AsyncListenerClasses {
    private AsyncListenerClasses() {
    }

    /** @param api "jakarta.servlet" or "javax.servlet"; @param simpleName the listener class in this package */
    public static void register(String api, String simpleName) {
        String name = AsyncListenerClasses.class.getPackage().getName() + "." + simpleName;
        try (InputStream in = AsyncListenerClasses.class.getClassLoader()
                .getResourceAsStream(name.replace('.', '/') + ".class")) {
            if (in == null) {
                throw new IOException("class file not found: " + name);
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            for (int n; (n = in.read(buffer)) > 0; ) {
                bytes.write(buffer, 0, n);
            }
            AsyncListeners.register(api + ".AsyncListener", name, bytes.toByteArray());
        } catch (IOException | RuntimeException e) {
            AgentErrors.record("async.listener-api", e);
        }
    }
}

package io.healthagent.launcher;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.security.CodeSource;
import java.security.SecureClassLoader;
import java.security.cert.Certificate;
import java.util.Collections;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Loads the agent and its dependencies from the {@code inst/} folder of the agent jar, where class
 * files are stored as {@code .classdata} so that no other class loader can define them. Its parent is
 * the platform class loader: the agent sees the JDK and the bootstrap bridge, never the host's classes,
 * and the host never sees the agent's Byte Buddy, Jackson, OSHI/JNA, HdrHistogram or sqlite-jdbc.
 *
 * <p>Resources are served from {@code inst/} too: JNA and sqlite-jdbc extract their native libraries
 * from resources named after their own packages, and Byte Buddy reads advice bytecode as
 * {@code .class} resources.
 */
final class AgentClassLoader extends SecureClassLoader {
    // Not parallel capable, on purpose: a parallel-capable loader keeps a lock object per class name for
    // its whole life (some 1,800 here, 90 KB of the host's heap), and the agent loads its classes from
    // one thread at start.

    private static final String PREFIX = "inst/";

    private final JarFile jar;
    private final String jarUrl;
    private final CodeSource codeSource;

    AgentClassLoader(File agentJar, ClassLoader parent) throws IOException {
        super("health-agent", parent);
        this.jar = new JarFile(agentJar, false);
        URL url = agentJar.toURI().toURL();
        this.jarUrl = url.toString();
        this.codeSource = new CodeSource(url, (Certificate[]) null);
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        String path = PREFIX + name.replace('.', '/') + ".classdata";
        JarEntry entry = jar.getJarEntry(path);
        if (entry == null) {
            throw new ClassNotFoundException(name);
        }
        byte[] bytes;
        try (InputStream in = jar.getInputStream(entry)) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new ClassNotFoundException(name, e);
        }
        definePackageOf(name);
        return defineClass(name, bytes, 0, bytes.length, codeSource);
    }

    private void definePackageOf(String className) {
        int dot = className.lastIndexOf('.');
        if (dot <= 0) {
            return;
        }
        String pkg = className.substring(0, dot);
        if (getDefinedPackage(pkg) == null) {
            try {
                definePackage(pkg, null, null, null, null, null, null, null);
            } catch (IllegalArgumentException racedWithAnotherThread) {
                // defined concurrently: fine
            }
        }
    }

    @Override
    protected URL findResource(String name) {
        String entryName = entryName(name);
        if (jar.getJarEntry(entryName) == null) {
            return null;
        }
        try {
            return new URL("jar:" + jarUrl + "!/" + entryName);
        } catch (MalformedURLException e) {
            return null;
        }
    }

    @Override
    protected Enumeration<URL> findResources(String name) {
        URL url = findResource(name);
        return url == null ? Collections.emptyEnumeration() : Collections.enumeration(Collections.singletonList(url));
    }

    private static String entryName(String resource) {
        String r = resource.startsWith("/") ? resource.substring(1) : resource;
        if (r.endsWith(".class")) {
            return PREFIX + r.substring(0, r.length() - ".class".length()) + ".classdata";
        }
        return PREFIX + r;
    }
}

package io.healthagent.launcher;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.security.CodeSource;
import java.security.SecureClassLoader;
import java.security.cert.Certificate;
import java.util.Collections;
import java.util.Enumeration;

/**
 * Loads the agent and its dependencies from {@code inst.jar}, a jar stored inside the agent jar (see
 * {@link NestedJar}), which no other class loader can read. Its parent is the platform class loader: the
 * agent sees the JDK and the bootstrap bridge, never the host's classes, and the host never sees the
 * agent's Byte Buddy, OSHI/JNA, HdrHistogram or sqlite-jdbc.
 *
 * <p>Resources are served from there too, under URLs of a protocol of this loader's own: JNA and
 * sqlite-jdbc copy their native libraries out of resources named after their own packages, and Byte Buddy
 * reads advice bytecode as {@code .class} resources.
 */
final class AgentClassLoader extends SecureClassLoader {
    // Not parallel capable, on purpose: a parallel-capable loader keeps a lock object per class name for
    // its whole life (some 1,800 here, 90 KB of the host's heap), and the agent loads its classes from
    // one thread at start.

    /** The entry of the agent jar that holds everything but the launcher and the bridge. */
    static final String NESTED = "inst.jar";

    private final NestedJar jar;
    private final CodeSource codeSource;
    private final URLStreamHandler resources = new Resources();

    /** URLs of this loader's own protocol: their streams read the nested jar. */
    private final class Resources extends URLStreamHandler {
        @Override
        protected URLConnection openConnection(URL url) throws IOException {
            byte[] bytes = jar.read(url.getPath().substring(1));
            if (bytes == null) {
                throw new IOException("no resource " + url);
            }
            return new ResourceConnection(url, bytes);
        }
    }

    private static final class ResourceConnection extends URLConnection {
        private final byte[] bytes;

        ResourceConnection(URL url, byte[] bytes) {
            super(url);
            this.bytes = bytes;
        }

        @Override
        public void connect() {
        }

        @Override
        public InputStream getInputStream() {
            return new ByteArrayInputStream(bytes);
        }

        @Override
        public long getContentLengthLong() {
            return bytes.length;
        }
    }

    /**
     * Must run before the agent jar is appended to the bootstrap search path: every launcher class it needs
     * is loaded here, by the system class loader. Loaded later, the bootstrap loader would define a second
     * copy of the class, in another runtime package, which this one may not use.
     */
    AgentClassLoader(File agentJar, ClassLoader parent) throws IOException {
        super("health-agent", parent);
        ResourceConnection.class.getName(); // loaded now (see above), used on the first resource read
        this.jar = NestedJar.open(agentJar, NESTED);
        this.codeSource = new CodeSource(agentJar.toURI().toURL(), (Certificate[]) null);
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytes;
        try {
            bytes = jar.read(name.replace('.', '/') + ".class");
        } catch (IOException e) {
            throw new ClassNotFoundException(name, e);
        }
        if (bytes == null) {
            throw new ClassNotFoundException(name);
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
        String entry = name.startsWith("/") ? name.substring(1) : name;
        if (!jar.contains(entry)) {
            return null;
        }
        try {
            return new URL("health-agent", null, -1, "/" + entry, resources);
        } catch (MalformedURLException e) {
            return null;
        }
    }

    @Override
    protected Enumeration<URL> findResources(String name) {
        URL url = findResource(name);
        return url == null ? Collections.emptyEnumeration() : Collections.enumeration(Collections.singletonList(url));
    }

    /** Straight from the nested jar, without a URL: Byte Buddy reads every advice class this way. */
    @Override
    public InputStream getResourceAsStream(String name) {
        InputStream fromParent = getParent().getResourceAsStream(name);
        if (fromParent != null) {
            return fromParent;
        }
        try {
            byte[] bytes = jar.read(name.startsWith("/") ? name.substring(1) : name);
            return bytes == null ? null : new ByteArrayInputStream(bytes);
        } catch (IOException e) {
            return null;
        }
    }
}

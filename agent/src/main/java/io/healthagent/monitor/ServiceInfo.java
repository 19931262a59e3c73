package io.healthagent.monitor;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/** Name, version and start time of the host service. */
public final class ServiceInfo {
    public final String name;
    public final String version;
    public final long startMillis;

    public ServiceInfo(String name, String version, long startMillis) {
        this.name = name;
        this.version = version;
        this.startMillis = startMillis;
    }

    /** @param configuredVersion the service.version option, or null to read the host jar's manifest */
    public static ServiceInfo detect(String name, String configuredVersion) {
        String version = configuredVersion != null ? configuredVersion : versionFromMainJar();
        return new ServiceInfo(name, version, ManagementFactory.getRuntimeMXBean().getStartTime());
    }

    /** Implementation-Version of the jar started with {@code java -jar}, else "unknown". */
    static String versionFromMainJar() {
        String command = System.getProperty("sun.java.command", "");
        String first = command.split(" ", 2)[0];
        if (first.endsWith(".jar") && new File(first).isFile()) {
            try (JarFile jar = new JarFile(first)) {
                Manifest m = jar.getManifest();
                String v = m == null ? null : m.getMainAttributes().getValue("Implementation-Version");
                if (v != null && !v.isEmpty()) {
                    return v;
                }
            } catch (Exception e) {
                // fall through to "unknown"
            }
        }
        return "unknown";
    }
}

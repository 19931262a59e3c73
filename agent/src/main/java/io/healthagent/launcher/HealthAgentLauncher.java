package io.healthagent.launcher;

import java.io.File;
import java.lang.instrument.Instrumentation;
import java.net.URISyntaxException;
import java.util.jar.JarFile;

/**
 * premain/agentmain. This class, {@link HostStart}, {@link AgentClassLoader} and {@link NestedJar} are the
 * only agent classes the host's system class loader can see; they set up the bootstrap bridge and hand over to the agent
 * proper, loaded in its own isolated class loader. Nothing here throws into the JVM or exits it.
 *
 * <p>On the host's own thread premain only starts one daemon thread: a {@code -javaagent} then delays
 * the host's start by no more than an agent that does nothing. That thread waits until the host has
 * started (its class loading gone quiet), then loads the agent. Nothing is measured before, and nothing
 * needs to be: instrumentation is installed later still, and retransforms what the host loaded meanwhile.
 */
public final class HealthAgentLauncher implements Runnable {
    private static final String AGENT_CLASS = "io.healthagent.Agent";
    private static final String COMMANDS_CLASS = "io.healthagent.cli.Commands";
    /** Set once the agent starts in a JVM; its port is then in {@code io.healthagent.port}. */
    static final String RUNNING_PROPERTY = "io.healthagent.running";

    private final String args;
    private final Instrumentation inst;
    private final boolean attached;

    private HealthAgentLauncher(String args, Instrumentation inst, boolean attached) {
        this.args = args;
        this.inst = inst;
        this.attached = attached;
    }

    public static void premain(String args, Instrumentation inst) {
        launch(args, inst, false);
    }

    public static void agentmain(String args, Instrumentation inst) {
        launch(args, inst, true);
    }

    /**
     * The agent jar's commands ({@code java -jar health-agent.jar attach PID | status}), run from the nested
     * jar in a loader over the system class loader: the Attach API (module jdk.attach) is defined there.
     */
    public static void main(String[] args) {
        int code;
        try {
            ClassLoader loader = new AgentClassLoader(agentJar(), ClassLoader.getSystemClassLoader());
            Class<?> commands = loader.loadClass(COMMANDS_CLASS);
            code = (Integer) commands.getMethod("run", String[].class).invoke(null, (Object) args);
        } catch (Throwable t) {
            Throwable cause = t.getCause() != null ? t.getCause() : t;
            System.err.println("health-agent: " + cause);
            code = 2;
        }
        System.exit(code);
    }

    private static synchronized void launch(String args, Instrumentation inst, boolean attached) {
        // One agent per JVM, whichever copy of the jar asks second (-javaagent then attach, jcmd twice).
        if (System.getProperty(RUNNING_PROPERTY) != null) {
            System.err.println("[health-agent] already running in this JVM; the second start is ignored");
            return;
        }
        // Seen by `attach` (through the Attach API's view of system properties) and by a second copy of the jar.
        System.setProperty(RUNNING_PROPERTY, "true");
        try {
            Thread init = new Thread(new HealthAgentLauncher(args, inst, attached), "health-agent-init");
            init.setDaemon(true);
            init.start();
        } catch (Throwable t) {
            System.err.println("[health-agent] could not start (" + t + "); the application runs without it");
        }
    }

    @Override
    public void run() {
        try {
            if (!attached) {
                HostStart.await(inst);
            }
            File jar = agentJar();
            // First, while only the system class loader sees the launcher's classes (see AgentClassLoader).
            ClassLoader agentLoader = new AgentClassLoader(jar, ClassLoader.getPlatformClassLoader());
            // The bridge classes that advice calls must be reachable from every class loader. The JVM takes
            // the jar's path and opens it itself, so this handle can be closed at once.
            try (JarFile bridge = new JarFile(jar)) {
                inst.appendToBootstrapClassLoaderSearch(bridge);
            }
            Class<?> agent = agentLoader.loadClass(AGENT_CLASS);
            agent.getMethod("start", String.class, Instrumentation.class, boolean.class)
                    .invoke(null, args, inst, attached);
        } catch (Throwable t) {
            Throwable cause = t.getCause() != null ? t.getCause() : t;
            System.err.println("[health-agent] could not start (" + cause + "); the application runs without it");
        }
    }

    private static File agentJar() throws URISyntaxException {
        return new File(HealthAgentLauncher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}

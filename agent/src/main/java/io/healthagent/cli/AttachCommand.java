package io.healthagent.cli;

import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Properties;

/**
 * {@code attach PID [options]}: loads this agent jar into a running JVM through the Attach API, with the
 * options passed to {@code agentmain} exactly as after {@code -javaagent:health-agent.jar=}, then waits until
 * its endpoints answer. Options come as one comma-joined argument or as separate {@code key=value} arguments.
 */
final class AttachCommand {
    private static final long WAIT_FOR_PORT_MILLIS = 30_000;

    private final PrintStream out;
    private final PrintStream err;

    AttachCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(String[] args) {
        if (args.length == 1 && args[0].equals("--list")) return list();
        if (args.length == 0 || !args[0].matches("\\d+")) {
            err.println("health-agent: attach wants a process id: attach PID [key=value,...] (or attach --list)");
            return 2;
        }
        String pid = args[0];
        String options = String.join(",", java.util.Arrays.copyOfRange(args, 1, args.length));
        VirtualMachine vm;
        try {
            vm = VirtualMachine.attach(pid);
        } catch (AttachNotSupportedException | IOException | RuntimeException e) {
            err.println("health-agent: cannot attach to " + pid + ": " + reason(e)
                    + " (is it a JVM of this user's? `attach --list` shows those)");
            return 1;
        }
        try {
            Properties props = vm.getSystemProperties();
            if (props.getProperty("io.healthagent.running") != null) {
                String port = props.getProperty("io.healthagent.port");
                err.println("health-agent: already runs in " + pid
                        + (port != null ? " (its endpoints on port " + port + ")" : "") + "; nothing changed");
                return 1;
            }
            if (dynamicLoadingWarns(vm, props)) {
                out.println("note: JDK " + props.getProperty("java.specification.version") + " prints a warning on "
                        + pid + "'s stderr for an agent loaded this way; start it with -XX:+EnableDynamicAgentLoading"
                        + " to allow it quietly");
            }
            vm.loadAgent(agentJar().getPath(), options.isEmpty() ? null : options);
            String port = awaitPort(vm);
            if (port == null) {
                err.println("health-agent: attached to " + pid + ", but its endpoints did not open within "
                        + WAIT_FOR_PORT_MILLIS / 1000 + " s; see the [health-agent] lines on its stderr");
                return 1;
            }
            out.println("health-agent attached to " + pid + ": endpoints on port " + port
                    + " (the classes it had loaded are instrumented; requests from now on are measured)");
            return 0;
        } catch (Exception e) {
            err.println("health-agent: " + pid + " refused the agent: " + reason(e));
            return 1;
        } finally {
            try {
                vm.detach();
            } catch (IOException ignored) {
                // the target may be gone; nothing to undo
            }
        }
    }

    private int list() {
        for (VirtualMachineDescriptor d : VirtualMachine.list()) {
            String name = d.displayName().isEmpty() ? "(no main class)" : d.displayName();
            out.println(d.id() + " " + name);
        }
        return 0;
    }

    /** The agent publishes its port as a system property once its endpoints answer. */
    private static String awaitPort(VirtualMachine vm) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + WAIT_FOR_PORT_MILLIS * 1_000_000;
        while (System.nanoTime() < deadline) {
            String port = vm.getSystemProperties().getProperty("io.healthagent.port");
            if (port != null) return port;
            Thread.sleep(100); // the only way to see another JVM's properties change is to ask again
        }
        return null;
    }

    /** JDK 21 and later warn when an agent is loaded into a running JVM (JEP 451), unless allowed at launch. */
    private static boolean dynamicLoadingWarns(VirtualMachine vm, Properties props) throws IOException {
        String spec = props.getProperty("java.specification.version", "11");
        int feature = Integer.parseInt(spec.contains(".") ? spec.substring(spec.indexOf('.') + 1) : spec);
        if (feature < 21) return false;
        String flags = vm.getAgentProperties().getProperty("sun.jvm.flags", "")
                + " " + vm.getAgentProperties().getProperty("sun.jvm.args", "");
        return !flags.contains("+EnableDynamicAgentLoading");
    }

    private static File agentJar() throws Exception {
        return new File(Class.forName("io.healthagent.launcher.HealthAgentLauncher").getProtectionDomain()
                .getCodeSource().getLocation().toURI());
    }

    private static String reason(Exception e) {
        Throwable t = e.getCause() != null && e.getMessage() == null ? e.getCause() : e;
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null || m.isEmpty() ? "" : ": " + m);
    }
}

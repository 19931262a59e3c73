package io.healthagent.cli;

import java.io.PrintStream;
import java.util.Arrays;

/**
 * The agent jar's commands: {@code java -jar health-agent.jar attach PID [options] | attach --list | status ...}.
 * Each returns its exit code; the launcher exits with it.
 */
public final class Commands {
    static final String USAGE = String.join("\n",
            "usage: java -jar health-agent.jar attach PID [key=value,...]   start the agent in a running JVM",
            "       java -jar health-agent.jar attach --list                the JVMs this user can attach to",
            "       java -jar health-agent.jar status [--url http://localhost:8082] [--token T] [--json] [--watch SECONDS]",
            "       java -jar health-agent.jar status --probe ready|live [--url ...]",
            "status exits 0 when the service is healthy or degraded, 1 when unhealthy or critical (or the probe",
            "fails), 2 when the agent cannot be reached.");

    private Commands() {
    }

    public static int run(String[] args) {
        return run(args, System.out, System.err);
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help") || args[0].equals("-h")) {
            (args.length == 0 ? err : out).println(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            case "attach":
                return new AttachCommand(out, err).run(rest);
            case "status":
                return new StatusCommand(out, err).run(rest);
            default:
                err.println("health-agent: unknown command '" + args[0] + "'\n" + USAGE);
                return 2;
        }
    }
}

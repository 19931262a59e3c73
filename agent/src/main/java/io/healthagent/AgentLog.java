package io.healthagent;

/**
 * The agent's voice: one line per event on stderr, prefixed so operators can grep it. Never a stack
 * trace, never a secret (callers redact URLs before passing them).
 */
public final class AgentLog {
    private static final String PREFIX = "[health-agent] ";

    private AgentLog() {
    }

    public static void info(String message) {
        System.err.println(PREFIX + message);
    }

    public static void warn(String message) {
        System.err.println(PREFIX + "WARN " + message);
    }

    public static void error(String message) {
        System.err.println(PREFIX + "ERROR " + message);
    }

    /** "IOException: Connection refused" rather than a stack trace. */
    public static String describe(Throwable t) {
        String message = t.getMessage();
        String type = t.getClass().getSimpleName();
        return message == null || message.isEmpty() ? type : type + ": " + firstLine(message);
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}

package demo.hosts;

/**
 * What every test host shares: its port from {@code --port N}, and the routes each one serves the same way
 * so that one test checks them all.
 *
 * <ul>
 *   <li>{@code GET /api/tracks/{id}}: 200 "track {id}"</li>
 *   <li>{@code GET /api/sleep/{ms}}: 200 after {@code ms} (event-loop hosts answer from another thread, later)</li>
 *   <li>{@code GET /api/nap/{ms}}: the same on another route, to warm the host up without touching the sleep route</li>
 *   <li>{@code GET /api/status/{code}}: an empty response with that status</li>
 *   <li>{@code GET /api/throw}: an exception escapes the application's handler</li>
 *   <li>{@code GET /stream/{ms}}: 200, a first chunk at once, the last one {@code ms} later</li>
 *   <li>{@code /ws/echo}: a WebSocket echoing text messages (where the server has a WebSocket API)</li>
 * </ul>
 */
final class HostArgs {
    private HostArgs() {
    }

    static int port(String[] args) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("--port")) return Integer.parseInt(args[i + 1]);
        }
        throw new IllegalArgumentException("usage: --port N");
    }

    /** The number after {@code prefix} in {@code path}, or -1. */
    static int tail(String path, String prefix) {
        if (!path.startsWith(prefix)) return -1;
        try {
            return Integer.parseInt(path.substring(prefix.length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static void listening(String name, int port) {
        System.out.println(name + " host listening on " + port);
    }
}

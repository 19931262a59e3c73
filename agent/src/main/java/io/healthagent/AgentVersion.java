package io.healthagent;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The agent's own version, as the build wrote it into agent.properties ("unknown" if absent). */
public final class AgentVersion {
    public static final String VERSION = read();

    private AgentVersion() {
    }

    private static String read() {
        Properties p = new Properties();
        try (InputStream in = AgentVersion.class.getResourceAsStream("/io/healthagent/agent.properties")) {
            if (in != null) p.load(in);
        } catch (IOException ignored) {
            // unknown below
        }
        return p.getProperty("version", "unknown");
    }
}

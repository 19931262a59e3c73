package io.healthagent.notify;

import java.net.InetAddress;

/**
 * This agent's instance name in notifications and Alertmanager's {@code instance} label:
 * {@code service.instance}, else HOST:PORT with the agent port once it is bound (as Prometheus names the
 * target it scrapes).
 */
public final class Instance {
    private final String configured;
    private volatile String name;

    public Instance(String configured, int configuredPort) {
        this.configured = configured;
        this.name = configured != null ? configured : host() + (configuredPort > 0 ? ":" + configuredPort : "");
    }

    /** The agent port as bound (port=0 picks one). */
    public void bound(int port) {
        if (configured == null) name = host() + ":" + port;
    }

    public String get() {
        return name;
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "localhost";
        }
    }
}

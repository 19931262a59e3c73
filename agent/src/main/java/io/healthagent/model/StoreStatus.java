package io.healthagent.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The history store's state in the agent block: "ok" with the file this agent writes (another agent may hold
 * the one configured), or "unavailable" with the reason.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class StoreStatus {
    public final String status;
    public final String reason;
    public final String file;

    private StoreStatus(String status, String reason, String file) {
        this.status = status;
        this.reason = reason;
        this.file = file;
    }

    public static StoreStatus ok(String file) {
        return new StoreStatus("ok", null, file);
    }

    public static StoreStatus unavailable(String reason) {
        return new StoreStatus("unavailable", reason, null);
    }

    public boolean ok() {
        return reason == null;
    }
}

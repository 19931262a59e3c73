package io.healthagent.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The history store's state in the agent block: "ok", or "unavailable" with the reason. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class StoreStatus {
    public static final StoreStatus OK = new StoreStatus("ok", null);

    public final String status;
    public final String reason;

    private StoreStatus(String status, String reason) {
        this.status = status;
        this.reason = reason;
    }

    public static StoreStatus unavailable(String reason) {
        return new StoreStatus("unavailable", reason);
    }

    public boolean ok() {
        return reason == null;
    }
}

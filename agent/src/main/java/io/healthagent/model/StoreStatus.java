package io.healthagent.model;

/** The history store's state in the agent block: "ok", or "unavailable" with the reason. */
@OmitNulls
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

package io.healthagent.model;

import com.fasterxml.jackson.annotation.JsonValue;


public enum CheckStatus {
    PASS("pass"),
    WARN("warn"),
    FAIL("fail");

    private final String wire;

    CheckStatus(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }
}

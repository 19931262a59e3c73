package io.healthagent.model;


public enum CheckStatus implements Wire {
    PASS("pass"),
    WARN("warn"),
    FAIL("fail");

    private final String wire;

    CheckStatus(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }
}

package io.healthagent.model;

/**
 * The parts of {@code health_score}, so that a person can recompute it:
 * {@code score = 40 * checks + 30 * apdex.score + 30 * alerts}, rounded to one decimal, where
 * {@code checks} = (checks passing + half the checks warning) / checks, and {@code alerts} =
 * max(0, 1 - 0.1 per active Warning - 0.25 per Critical - 0.5 per Emergency) (Info alerts do not count).
 */
public final class HealthScore {
    public final double score;
    public final double checks;
    public final Apdex apdex;
    public final double alerts;
    public final int checks_passing;
    public final int checks_warning;
    public final int checks_failing;
    public final int alerts_warning;
    public final int alerts_critical;
    public final int alerts_emergency;

    public HealthScore(int pass, int warn, int fail, Apdex apdex, int warnings, int criticals, int emergencies) {
        int n = pass + warn + fail;
        this.checks = n == 0 ? 1.0 : round4((pass + warn / 2.0) / n);
        this.alerts = round4(Math.max(0, 1 - 0.1 * warnings - 0.25 * criticals - 0.5 * emergencies));
        this.apdex = apdex;
        this.score = Math.round(10 * (40 * checks + 30 * apdex.score + 30 * alerts)) / 10.0;
        this.checks_passing = pass;
        this.checks_warning = warn;
        this.checks_failing = fail;
        this.alerts_warning = warnings;
        this.alerts_critical = criticals;
        this.alerts_emergency = emergencies;
    }

    private static double round4(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}

package io.healthagent.model;

/**
 * The Apdex of the requests over the last minute: satisfied at most T, tolerating up to 4T, frustrated
 * beyond, and every error (status 500 and above, or an escaped exception) frustrated whatever its time.
 * Times are times to first byte. {@code score} = (satisfied + tolerating / 2) / requests, 1 with no request.
 */
public final class Apdex {
    public final double t_ms;
    public final long satisfied;
    public final long tolerating;
    public final long frustrated;
    public final double score;

    public Apdex(double tMs, long satisfied, long tolerating, long frustrated) {
        this.t_ms = tMs;
        this.satisfied = satisfied;
        this.tolerating = tolerating;
        this.frustrated = frustrated;
        long n = satisfied + tolerating + frustrated;
        this.score = n == 0 ? 1.0 : Math.round(10_000.0 * (satisfied + tolerating / 2.0) / n) / 10_000.0;
    }
}

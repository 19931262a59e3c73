package io.healthagent.model;


/**
 * One route in /health/detailed: requests over the last minute, times to first byte (what
 * {@code performance.response_times} reports for all routes) and total durations, in flight now.
 */
public final class RouteFigures {
    public final String route;
    /** Requests in the response-time window (the last 60 seconds). */
    public final long requests;
    public final long in_flight;
    public final ResponseTimeMetrics time_to_first_byte;
    public final ResponseTimeMetrics total;
    public final long requests_total;
    public final long errors_total;

    public RouteFigures(String route, long requests, long inFlight, ResponseTimeMetrics timeToFirstByte,
                        ResponseTimeMetrics total, long requestsTotal, long errorsTotal) {
        this.route = route;
        this.requests = requests;
        this.in_flight = inFlight;
        this.time_to_first_byte = timeToFirstByte;
        this.total = total;
        this.requests_total = requestsTotal;
        this.errors_total = errorsTotal;
    }
}

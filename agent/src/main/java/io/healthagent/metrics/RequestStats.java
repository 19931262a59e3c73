package io.healthagent.metrics;

import io.healthagent.model.Apdex;
import io.healthagent.model.ErrorRateMetrics;
import io.healthagent.model.ResponseTimeMetrics;
import java.util.List;

/** All request figures at snapshot time. */
public final class RequestStats {
    public final ResponseTimeMetrics responseTimes;
    public final ErrorRateMetrics errorRates;
    /** Requests in the response-time window. */
    public final long windowCount;
    public final RouteStats all;
    public final List<RouteStats> routes;
    /** All requests of the window against apdex.t. */
    public final Apdex apdex;

    RequestStats(ResponseTimeMetrics responseTimes, ErrorRateMetrics errorRates, long windowCount, RouteStats all,
                 List<RouteStats> routes, Apdex apdex) {
        this.apdex = apdex;
        this.responseTimes = responseTimes;
        this.errorRates = errorRates;
        this.windowCount = windowCount;
        this.all = all;
        this.routes = routes;
    }
}

package io.healthagent.metrics;

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

    RequestStats(ResponseTimeMetrics responseTimes, ErrorRateMetrics errorRates, long windowCount, RouteStats all,
                 List<RouteStats> routes) {
        this.responseTimes = responseTimes;
        this.errorRates = errorRates;
        this.windowCount = windowCount;
        this.all = all;
        this.routes = routes;
    }
}

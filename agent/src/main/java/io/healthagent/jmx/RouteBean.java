package io.healthagent.jmx;

import io.healthagent.model.RouteFigures;
import io.healthagent.monitor.HealthSnapshot;

/** {@link RouteMXBean} over the view's latest snapshot: the figures {@code routes[]} of {@code /health/detailed} gives. */
final class RouteBean implements RouteMXBean {
    private final JmxView view;
    private final String route;

    RouteBean(JmxView view, String route) {
        this.view = view;
        this.route = route;
    }

    private RouteFigures figures() {
        HealthSnapshot s = view.latest();
        if (s != null) {
            for (RouteFigures r : s.report.routes) {
                if (r.route.equals(route)) return r;
            }
        }
        throw new IllegalStateException("route " + route + " has no figures");
    }

    @Override
    public String getRoute() {
        return route;
    }

    @Override
    public long getRequestsTotal() {
        return figures().requests_total;
    }

    @Override
    public long getErrorsTotal() {
        return figures().errors_total;
    }

    @Override
    public long getRequestsLastMinute() {
        return figures().requests;
    }

    @Override
    public long getInFlight() {
        return figures().in_flight;
    }

    @Override
    public double getTimeToFirstByteP50Ms() {
        return figures().time_to_first_byte.p50_ms;
    }

    @Override
    public double getTimeToFirstByteP95Ms() {
        return figures().time_to_first_byte.p95_ms;
    }

    @Override
    public double getTimeToFirstByteP99Ms() {
        return figures().time_to_first_byte.p99_ms;
    }

    @Override
    public double getTimeToFirstByteAverageMs() {
        return figures().time_to_first_byte.average_ms;
    }

    @Override
    public double getTotalP50Ms() {
        return figures().total.p50_ms;
    }

    @Override
    public double getTotalP95Ms() {
        return figures().total.p95_ms;
    }

    @Override
    public double getTotalP99Ms() {
        return figures().total.p99_ms;
    }

    @Override
    public double getTotalAverageMs() {
        return figures().total.average_ms;
    }
}

package io.healthagent.jmx;

/** {@code io.healthagent:type=Route,name=ROUTE}: one route's figures (the last minute's, and totals since start). */
public interface RouteMXBean {
    String getRoute();

    long getRequestsTotal();

    long getErrorsTotal();

    long getRequestsLastMinute();

    long getInFlight();

    double getTimeToFirstByteP50Ms();

    double getTimeToFirstByteP95Ms();

    double getTimeToFirstByteP99Ms();

    double getTimeToFirstByteAverageMs();

    double getTotalP50Ms();

    double getTotalP95Ms();

    double getTotalP99Ms();

    double getTotalAverageMs();
}

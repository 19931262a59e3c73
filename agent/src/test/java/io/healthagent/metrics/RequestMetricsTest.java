package io.healthagent.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.healthagent.bootstrap.HttpMethods;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestMetricsTest {
    private static final long MS = 1_000_000L;
    private static final long T0 = 1_800_000_000_000L; // a slot boundary: windows line up with the test's seconds

    @Test
    void percentilesComeFromTheLastMinuteOnly() {
        RequestMetrics m = new RequestMetrics();
        for (int i = 0; i < 100; i++) m.record("/a", (i + 1) * MS, 200); // 1..100 ms
        RequestStats now = m.stats(T0);
        assertEquals(100, now.windowCount);
        assertEquals(50, now.responseTimes.p50_ms, 0.5);
        assertEquals(95, now.responseTimes.p95_ms, 0.5);
        assertEquals(99, now.responseTimes.p99_ms, 0.5);
        assertEquals(50.5, now.responseTimes.average_ms, 0.5);

        RequestStats later = m.stats(T0 + 55_000);
        assertEquals(100, later.windowCount, "still in the window 55 s later");
        RequestStats gone = m.stats(T0 + 61_000);
        assertEquals(0, gone.windowCount, "out of the window after a minute");
        assertEquals(0, gone.responseTimes.p95_ms);
    }

    @Test
    void errorRatesArePercentagesOverTheirWindows() {
        RequestMetrics m = new RequestMetrics();
        for (int i = 0; i < 10; i++) m.record("/a", MS, i < 5 ? 500 : 200); // 50% errors
        m.roll(T0);
        for (int i = 0; i < 10; i++) m.record("/a", MS, 200); // 0% errors, 4 minutes later
        RequestStats s = m.stats(T0 + 240_000);
        assertEquals(0f, s.errorRates.rate_1min);
        assertEquals(25f, s.errorRates.rate_5min, 0.001);
        assertEquals(25f, s.errorRates.rate_15min, 0.001);
        assertEquals(5, s.errorRates.total_errors_24h);

        RequestStats muchLater = m.stats(T0 + 20 * 60_000);
        assertEquals(0f, muchLater.errorRates.rate_15min, "no requests: 0, not NaN");
        assertEquals(5, muchLater.errorRates.total_errors_24h);
        assertEquals(0, m.stats(T0 + 25 * 3_600_000L).errorRates.total_errors_24h);
    }

    @Test
    void exceptionsRecordedAs500CountAsErrors() {
        RequestMetrics m = new RequestMetrics();
        m.record("/a", MS, 500);
        m.record("/a", MS, 503);
        m.record("/a", MS, 404);
        RouteStats a = m.stats(T0).routes.get(0);
        assertEquals(2, a.totalErrors, "5xx only: 404 is the client's error");
        assertEquals(3, a.totalCount);
    }

    @Test
    void routesAreCappedAndTheRestGoUnderOther() {
        RequestMetrics m = new RequestMetrics();
        for (int i = 0; i < RequestMetrics.MAX_ROUTES + 50; i++) m.record("/r" + i, MS, 200);
        m.record(null, MS, 200);
        RequestStats s = m.stats(T0);
        assertEquals(RequestMetrics.MAX_ROUTES + 1, s.routes.size(), "200 routes and other");
        RouteStats other = s.routes.stream().filter(r -> r.route.equals(RequestMetrics.OTHER)).findFirst().orElseThrow();
        assertEquals(51, other.totalCount);
        assertEquals(RequestMetrics.MAX_ROUTES + 51, s.all.totalCount);
    }

    @Test
    void pathRoutesThatOnlyAnswered404GoIntoOtherWithTheirCounts() {
        PathRoutes paths = new PathRoutes(List.of("/known/{id}"));
        RequestMetrics m = new RequestMetrics(paths);
        String scan = paths.routeOf("/scan1/x");
        String served = paths.routeOf("/api/x");
        String pattern = paths.routeOf("/known/7");
        m.record(scan, 2 * MS, 404);
        m.record(scan, 3 * MS, 404);
        m.record(served, MS, 404);
        m.record(served, MS, 200);
        m.record(pattern, MS, 404);
        m.record(null, MS, 503);
        m.roll(T0);
        RequestStats s = m.stats(T0 + 5_000);
        assertEquals(List.of("/api/*", "/known/{id}", "other"), s.routes.stream().map(r -> r.route).collect(
                java.util.stream.Collectors.toList()), "the 404-only path route went; a served one and a pattern stay");
        RouteStats other = s.routes.get(2);
        assertEquals(3, other.totalCount);
        assertEquals(1, other.totalErrors);
        MethodStats get = other.methods.get(0);
        assertArrayEquals(new int[] {404, 503}, get.statuses);
        assertArrayEquals(new long[] {2, 1}, get.statusCounts);
        assertEquals(3, java.util.Arrays.stream(get.totalBuckets).sum());
        assertEquals(0.006, get.totalSumSeconds, 1e-5);
        assertEquals(6, s.all.totalCount, "every request counted once");
        assertEquals(3, other.windowCount, "its window moved too");
        assertTrue(paths.madeFromPath("/api/*"));
        assertEquals(false, paths.madeFromPath(scan), "its place among the first-segment routes is free");

        m.routeStarted(paths.routeOf("/scan2/x")); // one in flight, one answered 404: stays until both ended
        m.requestEnded("/scan2/*", HttpMethods.code("GET"), 0, 0, MS, 404, false);
        RequestStats later = m.stats(T0 + 15_000);
        assertTrue(later.routes.stream().anyMatch(r -> r.route.equals("/scan2/*") && r.inFlight == 1), "not taken while in flight");
        m.requestEnded("/scan2/*", HttpMethods.code("GET"), 0, 0, MS, 404, true);
        RequestStats gone = m.stats(T0 + 20_000);
        assertTrue(gone.routes.stream().noneMatch(r -> r.route.equals("/scan2/*")));
        assertEquals(0, gone.all.inFlight);
        assertEquals(5, gone.routes.stream().filter(r -> r.route.equals("other")).findFirst().orElseThrow().totalCount);
    }

    @Test
    void veryLongRequestsAreClampedNotLost() {
        RequestMetrics m = new RequestMetrics();
        m.record("/stream/*", 3 * 3_600_000L * 1000 * MS, 200); // three hours of streaming
        RequestStats s = m.stats(T0);
        assertEquals(1, s.windowCount);
        assertTrue(s.responseTimes.p99_ms >= 3_500_000, "counted as one hour: " + s.responseTimes.p99_ms);
    }

    @Test
    void aStreamReportsItsTimeToFirstByteAndItsTotalApart() {
        RequestMetrics m = new RequestMetrics();
        for (int i = 0; i < 10; i++) {
            m.routeStarted("/live");
            // committed 20 ms after the start, ended 5 s later
            m.requestEnded("/live", GET, 1_000 * MS, 1_020 * MS, 6_000 * MS, 200, true);
        }
        m.routeStarted("/live"); // one more, still playing
        RequestStats s = m.stats(T0);
        RouteStats live = s.routes.get(0);
        assertEquals(20, live.p50Ms, 0.2, "time to first byte");
        assertEquals(5000, live.totalP50Ms, 50, "total");
        assertEquals(20, s.responseTimes.p95_ms, 0.2, "response_times are times to first byte");
        assertEquals(1, live.inFlight, "the one still playing");
        assertEquals(50, live.totalDurationSeconds, 0.5);
    }

    @Test
    void aCommitAfterTheEndOrNoneAtAllMeansTheTotal() {
        RequestMetrics m = new RequestMetrics();
        m.routeStarted("/a");
        m.requestEnded("/a", GET, 0, 0, 30 * MS, 200, true);
        m.routeStarted("/a");
        m.requestEnded("/a", GET, 0, 40 * MS, 30 * MS, 200, true); // a commit the container made after the handler returned
        RouteStats a = m.stats(T0).routes.get(0);
        assertEquals(30, a.p99Ms, 0.2);
        assertEquals(0, a.inFlight);
    }

    @Test
    void requestsWithoutARouteAreNeverInFlight() {
        RequestMetrics m = new RequestMetrics();
        m.requestEnded(null, GET, 0, 0, MS, 404, true);
        RequestStats s = m.stats(T0);
        assertEquals(RequestMetrics.OTHER, s.routes.get(0).route);
        assertEquals(0, s.routes.get(0).inFlight, "never started, never decremented below 0");
    }

    private static final int GET = HttpMethods.code("GET");

    private static MethodStats method(RouteStats r, String name) {
        return r.methods.stream().filter(x -> x.method.equals(name)).findFirst().orElseThrow(() -> new AssertionError(name));
    }

    /** A bucket's count is exact at its bound: 5 ms is in le=0.005, 5.001 ms is not (both in one HdrHistogram bucket). */
    @Test
    void histogramBucketsAreExactAtTheirBounds() {
        RequestMetrics m = new RequestMetrics();
        m.requestEnded("/a", GET, 0, 0, 5_000_000, 200, false);
        m.requestEnded("/a", GET, 0, 0, 5_001_000, 200, false);
        m.requestEnded("/a", GET, 0, 0, 61_000_000_000L, 200, false);
        MethodStats get = method(m.stats(T0).routes.get(0), "GET");
        double[] upper = RequestBuckets.upperBoundsSeconds();
        int le5ms = java.util.Arrays.binarySearch(upper, 0.005);
        assertEquals(1, get.totalBuckets[le5ms], "5 ms is <= 0.005");
        assertEquals(1, get.totalBuckets[le5ms + 1], "5.001 ms is in the next bucket");
        assertEquals(1, get.totalBuckets[upper.length - 1], "61 s is above a minute: +Inf");
        assertEquals(3, java.util.Arrays.stream(get.totalBuckets).sum());
        assertEquals(61.010, get.totalSumSeconds, 61.010 * 0.005, "the sum, from slot midpoints");
    }

    @Test
    void methodsAndStatusesAreCountedApartAndCumulatively() {
        RequestMetrics m = new RequestMetrics();
        m.requestEnded("/a", GET, 0, 0, MS, 200, false);
        m.requestEnded("/a", GET, 0, 0, MS, 200, false);
        m.requestEnded("/a", HttpMethods.code("HEAD"), 0, 0, MS, 404, false);
        m.requestEnded("/a", HttpMethods.code("BREW"), 0, 0, MS, 0, false);
        m.requestEnded("/a", 42, 0, 0, MS, 503, false); // a code no method has
        m.stats(T0);
        m.requestEnded("/a", GET, 0, 0, MS, 200, false);
        RouteStats a = m.stats(T0 + 1).routes.get(0);
        assertEquals(List.of("other", "GET", "HEAD"), a.methods.stream().map(x -> x.method).collect(java.util.stream.Collectors.toList()));
        MethodStats get = method(a, "GET");
        assertArrayEquals(new int[] {200}, get.statuses);
        assertArrayEquals(new long[] {3}, get.statusCounts, "cumulative across rolls, each request once");
        assertEquals(3, java.util.Arrays.stream(get.firstByteBuckets).sum());
        MethodStats other = method(a, "other");
        assertArrayEquals(new int[] {MethodStats.UNKNOWN_STATUS, 503}, other.statuses, "no status first");
        assertArrayEquals(new int[] {404}, method(a, "HEAD").statuses);
    }

    @Test
    void aStreamsTimeToFirstByteAndTotalFallInTheirOwnBuckets() {
        RequestMetrics m = new RequestMetrics();
        m.requestEnded("/live", GET, 0, 20 * MS, 5_000 * MS, 200, false);
        MethodStats get = method(m.stats(T0).routes.get(0), "GET");
        double[] upper = RequestBuckets.upperBoundsSeconds();
        assertEquals(1, get.firstByteBuckets[java.util.Arrays.binarySearch(upper, 0.025)], "20 ms: le=0.025");
        assertEquals(1, get.totalBuckets[java.util.Arrays.binarySearch(upper, 5)], "5 s: le=5");
        assertEquals(1, java.util.Arrays.stream(get.firstByteBuckets).sum());
    }
}

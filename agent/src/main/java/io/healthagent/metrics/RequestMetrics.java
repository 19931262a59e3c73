package io.healthagent.metrics;

import io.healthagent.bootstrap.HttpMethods;
import io.healthagent.bootstrap.RequestBridge;
import io.healthagent.bootstrap.RequestSink;
import io.healthagent.model.Apdex;
import io.healthagent.model.ErrorRateMetrics;
import io.healthagent.model.ResponseTimeMetrics;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.HdrHistogram.AbstractHistogram;

/**
 * Request durations and errors, globally and per route, fed by the advice through the bootstrap
 * bridge.
 *
 * <ul>
 *   <li>Response times: the last 60 seconds (six 10-second slots; the oldest leaves as a whole).</li>
 *   <li>Error rates: errors / requests in the last 1, 5 and 15 minutes (10-second slots), as percentages;
 *       total errors over 24 hours (5-minute slots).</li>
 *   <li>An error is a status of 500 or more, or an exception escaping the handler.</li>
 *   <li>At most {@value #MAX_ROUTES} routes; requests on further routes count under "other".</li>
 *   <li>A route made from a path that answered only 404 moves into "other" at the next roll.</li>
 * </ul>
 * {@link #record} is the hot path: no lock, no allocation once a route exists.
 */
public final class RequestMetrics implements RequestSink {
    public static final int MAX_ROUTES = 200;
    public static final String OTHER = "other";
    static final long SLOT_MILLIS = 10_000;
    static final int LATENCY_SLOTS = 6;

    private final ConcurrentHashMap<String, RouteMetrics> routes = new ConcurrentHashMap<>();
    private final Function<String, RouteMetrics> newRoute = r -> new RouteMetrics(r, SLOT_MILLIS, LATENCY_SLOTS);
    /** Fed from the routes at each roll, so that a request is recorded once, into its route only. */
    private final RouteMetrics all = new RouteMetrics("all", SLOT_MILLIS, LATENCY_SLOTS);
    private volatile long apdexMicros = 500_000;
    private final CountWindow recent = new CountWindow(SLOT_MILLIS, 90);      // 15 minutes
    private final CountWindow day = new CountWindow(300_000, 288);          // 24 hours
    private final AbstractHistogram scratch = LatencyWindow.newScratch();
    /** What one route recorded since the last roll; one set for all routes (rolls run one at a time). */
    private final long[] slots = new long[StripedLatencyRecorder.SLOT_COUNT];
    private final AbstractHistogram intervalFirstByte = LatencyWindow.newScratch();
    private final AbstractHistogram intervalTotal = LatencyWindow.newScratch();
    private final PathRoutes pathRoutes;
    /** Routes {@link #retireNotFoundPathRoutes} took out at the last roll, rolled once more at the next. */
    private final List<RouteMetrics> retired = new ArrayList<>();

    public RequestMetrics() {
        this(new PathRoutes(java.util.Collections.emptyList()));
    }

    /** @param pathRoutes how servers without templates name routes (the {@code routes} option) */
    public RequestMetrics(PathRoutes pathRoutes) {
        this.pathRoutes = pathRoutes;
    }

    @Override
    public void routeStarted(String route) {
        routeFor(route).inFlight.increment();
    }

    @Override
    public void routeChanged(String from, String to) {
        routeFor(to).inFlight.increment();
        routeFor(from).inFlight.decrement();
    }

    @Override
    public String routeForPath(String path) {
        return pathRoutes.routeOf(path);
    }

    /**
     * Records the time to first byte (until the response was committed; the whole request when no module
     * saw the commit, which for an ordinary response is the same), so that a stream that plays for minutes
     * does not make p95 meaningless, and the total.
     */
    @Override
    public void requestEnded(String route, int method, long startNanos, long committedNanos, long endNanos, int status,
                             boolean inFlightCounted) {
        long firstByte = (committedNanos != 0 && committedNanos - endNanos < 0 ? committedNanos : endNanos) - startNanos;
        RouteMetrics r = routeFor(route);
        r.record(method, firstByte / 1000, (endNanos - startNanos) / 1000, status, status >= 500);
        if (inFlightCounted && route != null) {
            r.inFlight.decrement();
        }
    }

    /** A finished GET request that took {@code durationNanos} (tests, benchmarks). */
    public void record(String route, long durationNanos, int status) {
        if (route != null) {
            routeStarted(route);
        }
        requestEnded(route, HttpMethods.code("GET"), 0, 0, durationNanos, status, true);
    }

    private RouteMetrics routeFor(String route) {
        String key = route == null ? OTHER : route;
        RouteMetrics r = routes.get(key);
        if (r != null) {
            return r;
        }
        if (routes.size() >= MAX_ROUTES) {
            key = OTHER;
        }
        return routes.computeIfAbsent(key, newRoute);
    }

    /**
     * Errors from before a restart ({Unix seconds, errors} rows of the history store), so that
     * total_errors_24h counts them.
     */
    public synchronized void restoreErrors(java.util.List<long[]> rows) {
        for (long[] r : rows) {
            day.add(r[0] * 1000, 0, r[1]);
        }
    }

    /** Moves what was recorded since the last roll into the slot of {@code nowMillis}. */
    public synchronized void roll(long nowMillis) {
        long[] counted = new long[2]; // requests, errors
        // Routes taken out at the previous roll: a request that looked one up just before may have recorded
        // into it since. Their last counts go to "other", and anything in flight back to the route's name.
        for (RouteMetrics r : retired) {
            rollOne(r, nowMillis, counted);
            r.moveTo(routeFor(OTHER));
            long inFlight = r.inFlight.sum();
            if (inFlight != 0) {
                routeFor(r.route).inFlight.add(inFlight);
            }
        }
        retired.clear();
        for (RouteMetrics r : routes.values()) {
            rollOne(r, nowMillis, counted);
        }
        recent.add(nowMillis, counted[0], counted[1]);
        day.add(nowMillis, counted[0], counted[1]);
        retireNotFoundPathRoutes();
    }

    private void rollOne(RouteMetrics r, long nowMillis, long[] counted) {
        r.roll(nowMillis, slots, intervalFirstByte, intervalTotal, all);
        counted[0] += intervalFirstByte.getTotalCount();
        long e = r.newErrors();
        all.errors.addAndGet(e);
        counted[1] += e;
    }

    /**
     * A route made from a path (no template or pattern named it) that has answered only 404 is a path
     * nobody serves, a scanner's or a typo's: it hands its counts to "other" and goes, with its memory, so
     * that a scan of random paths leaves neither routes nor heap behind.
     */
    private void retireNotFoundPathRoutes() {
        List<String> gone = null;
        for (RouteMetrics r : routes.values()) {
            if (r.onlyNotFound() && r.inFlight.sum() == 0 && pathRoutes.madeFromPath(r.route)
                    && routes.remove(r.route, r)) {
                r.moveTo(routeFor(OTHER));
                retired.add(r);
                if (gone == null) gone = new ArrayList<>();
                gone.add(r.route);
            }
        }
        if (gone != null) {
            pathRoutes.forget(gone);
        }
    }

    /** Rolls, then reads every window as of {@code nowMillis}. */
    public synchronized RequestStats stats(long nowMillis) {
        roll(nowMillis);
        // In flight: the requests counted as they start and end (async ones, exchanges), and the others
        // found where they are now (synchronous ones on their threads, event-loop ones in their queues).
        Map<RouteMetrics, long[]> inPlace = new IdentityHashMap<>();
        RequestBridge.forEachRequestInPlace(route -> inPlace.computeIfAbsent(routeFor(route), k -> new long[1])[0]++);
        long allInFlight = 0;
        List<RouteStats> perRoute = new ArrayList<>();
        for (RouteMetrics r : routes.values()) {
            long[] found = inPlace.get(r);
            long inFlight = r.inFlight.sum() + (found == null ? 0 : found[0]);
            allInFlight += inFlight;
            perRoute.add(statsOf(r, nowMillis, inFlight));
        }
        RouteStats allStats = statsOf(all, nowMillis, allInFlight);
        Apdex apdex = apdexOfScratch(recent.errors(nowMillis, 60_000));
        perRoute.sort(Comparator.comparing(s -> s.route));
        ResponseTimeMetrics times = new ResponseTimeMetrics(allStats.p50Ms, allStats.p95Ms, allStats.p99Ms,
                allStats.averageMs);
        ErrorRateMetrics rates = new ErrorRateMetrics(
                rate(nowMillis, 60_000), rate(nowMillis, 300_000), rate(nowMillis, 900_000),
                day.errors(nowMillis, 86_400_000));
        return new RequestStats(times, rates, allStats.windowCount, allStats, Collections.unmodifiableList(perRoute), apdex);
    }

    /** Apdex's T, in microseconds (apdex.t). */
    public void apdexThreshold(java.time.Duration t) {
        apdexMicros = Math.max(1, t.toNanos() / 1000);
    }

    /**
     * The Apdex of the durations {@link #statsOf} left in {@link #scratch} (all requests' times to first byte,
     * which {@code statsOf} reads first): errors are frustrated, and are taken out of the satisfied first,
     * then the tolerating (errors are mostly fast: the counts are exact unless an error took longer than T).
     */
    private Apdex apdexOfScratch(long errors) {
        long n = scratch.getTotalCount();
        long satisfied = n == 0 ? 0 : scratch.getCountBetweenValues(0, apdexMicros);
        long tolerating = n == 0 ? 0 : scratch.getCountBetweenValues(apdexMicros + 1, 4 * apdexMicros);
        long e = Math.min(errors, n);
        long fromSatisfied = Math.min(e, satisfied);
        satisfied -= fromSatisfied;
        tolerating -= Math.min(e - fromSatisfied, tolerating);
        return new Apdex(apdexMicros / 1000.0, satisfied, tolerating, n - satisfied - tolerating);
    }

    private float rate(long nowMillis, long windowMillis) {
        long requests = recent.requests(nowMillis, windowMillis);
        return requests == 0 ? 0f : (float) (100.0 * recent.errors(nowMillis, windowMillis) / requests);
    }

    private RouteStats statsOf(RouteMetrics r, long nowMillis, long inFlight) {
        double[] total = windowFigures(r.total, nowMillis);
        double[] firstByte = windowFigures(r.latency, nowMillis); // last: its durations stay in scratch
        long n = scratch.getTotalCount();
        return new RouteStats(r.route, n, firstByte, total, r.latency.cumulativeCount(), r.latency.cumulativeSeconds(),
                r.total.cumulativeSeconds(), r.errors.get(), inFlight, r == all ? List.of() : r.methodStats());
    }

    /** p50, p95, p99 and mean of a window, in ms; the window's durations stay in {@link #scratch}. */
    private double[] windowFigures(LatencyWindow window, long nowMillis) {
        scratch.reset();
        window.addWindowTo(nowMillis, scratch);
        if (scratch.getTotalCount() == 0) {
            return new double[4];
        }
        return new double[] {percentileMs(50), percentileMs(95), percentileMs(99), scratch.getMean() / 1000.0};
    }

    /** The middle of the percentile's bucket, not its top: unbiased to within half a bucket (0.4%). */
    private double percentileMs(double percentile) {
        return scratch.medianEquivalentValue(scratch.getValueAtPercentile(percentile)) / 1000.0;
    }
}

package io.healthagent.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** Content negotiation as Prometheus and other scrapers ask, through the library's writers. */
class MetricsWriterTest {
    private static final MetricSnapshots ONE = MetricSnapshots.of(CounterSnapshot.builder().name("http_server_errors")
            .help("Errors").dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder()
                    .labels(Labels.of("route", "/a\"b")).value(3).build()).build());

    @Test
    void openMetricsWhenAskedTheTextFormatOtherwise() throws Exception {
        assertEquals("text/plain; version=0.0.4; charset=utf-8", MetricsWriter.forAccept(null).getContentType());
        assertEquals("text/plain; version=0.0.4; charset=utf-8", MetricsWriter.forAccept("*/*").getContentType());
        String prometheus242 = "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,"
                + "text/plain;version=0.0.4;q=0.5,*/*;q=0.1";
        assertEquals("application/openmetrics-text; version=1.0.0; charset=utf-8",
                MetricsWriter.forAccept(prometheus242).getContentType());
        assertEquals("text/plain; version=0.0.4; charset=utf-8", MetricsWriter.forAccept(
                "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited").getContentType(),
                "no protobuf module: the text format");

        String text = new String(MetricsWriter.write(ONE, MetricsWriter.forAccept(null)), StandardCharsets.UTF_8);
        assertTrue(text.contains("# TYPE http_server_errors_total counter\nhttp_server_errors_total{route=\"/a\\\"b\"} 3.0\n"), text);
        String open = new String(MetricsWriter.write(ONE, MetricsWriter.forAccept(prometheus242)), StandardCharsets.UTF_8);
        assertTrue(open.contains("# TYPE http_server_errors counter\n") && open.endsWith("# EOF\n"), open);
    }

    @Test
    void gzipWhenAccepted() throws Exception {
        assertTrue(MetricsWriter.acceptsGzip("gzip, deflate"));
        assertTrue(!MetricsWriter.acceptsGzip(null) && !MetricsWriter.acceptsGzip("identity"));
        byte[] body = MetricsWriter.write(ONE, MetricsWriter.forAccept(null));
        byte[] back = new GZIPInputStream(new ByteArrayInputStream(MetricsWriter.gzip(body))).readAllBytes();
        assertEquals(new String(body, StandardCharsets.UTF_8), new String(back, StandardCharsets.UTF_8));
    }
}

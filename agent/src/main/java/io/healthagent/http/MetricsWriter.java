package io.healthagent.http;

import io.prometheus.metrics.config.ExporterProperties;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.GZIPOutputStream;

/**
 * Writes /metrics with Prometheus' own library: OpenMetrics 1.0 when the scraper's {@code Accept} asks for it,
 * the Prometheus text format otherwise (a protobuf {@code Accept} included: that writer needs a module the
 * agent does not ship), gzipped when {@code Accept-Encoding} allows it.
 *
 * <p>The library is set up with the agent's own properties, never from {@code prometheus.properties}, the
 * host's system properties or its environment, which must not change what the agent writes.
 */
final class MetricsWriter {
    private static final ExpositionFormats FORMATS = ExpositionFormats.init(ExporterProperties.builder()
            .includeCreatedTimestamps(false).exemplarsOnAllMetricTypes(false).prometheusTimestampsInMs(false).build());

    private MetricsWriter() {
    }

    /** The writer for this {@code Accept} header (null or empty: the text format). */
    static ExpositionFormatWriter forAccept(String accept) {
        ExpositionFormatWriter w = FORMATS.findWriter(accept == null ? "" : accept);
        return w != null && w.isAvailable() && w != FORMATS.getOpenMetrics2TextFormatWriter() ? w
                : FORMATS.getPrometheusTextFormatWriter();
    }

    static byte[] write(MetricSnapshots snapshots, ExpositionFormatWriter writer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16_384);
        try {
            writer.write(out, snapshots);
        } catch (IOException e) {
            throw new IllegalStateException(e); // a byte array does not fail
        }
        return out.toByteArray();
    }

    static boolean acceptsGzip(String acceptEncoding) {
        return acceptEncoding != null && acceptEncoding.toLowerCase(java.util.Locale.ROOT).contains("gzip");
    }

    static byte[] gzip(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 4 + 64);
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }
}

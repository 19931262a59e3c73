package io.healthagent.model;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.UncheckedIOException;
import java.io.IOException;

/**
 * The one Jackson {@link ObjectMapper} every JSON body the agent serves or posts is written with
 * (endpoints, webhook, Alertmanager, reports), configured once.
 *
 * <p>The report types are written from their public instance fields, in declaration order, under their own
 * names (the report's names are the wire names): no getter is looked at, {@code transient} fields are left
 * out. The types say the rest with Jackson's annotations: {@code @JsonInclude(NON_NULL)} where nulls are
 * left out (elsewhere they are written as null), {@code @JsonUnwrapped} for a field whose fields belong to the
 * enclosing object, {@code @JsonValue} on an enum's wire name ("healthy", "Critical"). NaN and the
 * infinities are written as strings ("NaN"), since JSON has no number for them.
 */
public final class ReportJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .visibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
            .visibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.PUBLIC_ONLY)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();

    private ReportJson() {
    }

    /** {@code value} as UTF-8 JSON. */
    public static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + value.getClass().getName() + " as JSON", e);
        }
    }
}

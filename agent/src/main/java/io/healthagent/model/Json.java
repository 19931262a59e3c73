package io.healthagent.model;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Writes the report types as JSON: their public instance fields, in declaration order, under their own
 * names (the report's names are the wire names); {@code transient} fields left out; enums by
 * {@link Wire#wire()}; nulls written, unless the type says {@link OmitNulls}; an {@link Unwrapped} field's
 * fields inlined. Maps, collections, arrays, strings, numbers and booleans as JSON has them; NaN and the
 * infinities as strings ("NaN"), since JSON has no number for them.
 *
 * <p>Not Jackson: its data binding alone is about 500 classes and 5 MB of the host's memory, for a report
 * of twenty fixed types.
 */
public final class Json {
    private static final ClassValue<Field[]> FIELDS = new ClassValue<Field[]>() {
        @Override
        protected Field[] computeValue(Class<?> type) {
            List<Field> fields = new ArrayList<>();
            for (Field f : type.getDeclaredFields()) {
                int m = f.getModifiers();
                if (Modifier.isPublic(m) && !Modifier.isStatic(m) && !Modifier.isTransient(m)) {
                    fields.add(f);
                }
            }
            return fields.toArray(new Field[0]);
        }
    };

    private Json() {
    }

    public static byte[] write(Object value) {
        StringBuilder out = new StringBuilder(256);
        value(out, value);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void value(StringBuilder out, Object v) {
        if (v == null) {
            out.append("null");
        } else if (v instanceof String) {
            string(out, (String) v);
        } else if (v instanceof Boolean || v instanceof Long || v instanceof Integer || v instanceof Short
                || v instanceof Byte) {
            out.append(v);
        } else if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                string(out, v.toString());
            } else {
                out.append(v);
            }
        } else if (v instanceof Wire) {
            string(out, ((Wire) v).wire());
        } else if (v instanceof Enum) {
            string(out, ((Enum<?>) v).name());
        } else if (v instanceof Map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                if (!first) out.append(',');
                first = false;
                string(out, String.valueOf(e.getKey()));
                out.append(':');
                value(out, e.getValue());
            }
            out.append('}');
        } else if (v instanceof Collection) {
            out.append('[');
            boolean first = true;
            for (Object item : (Collection<?>) v) {
                if (!first) out.append(',');
                first = false;
                value(out, item);
            }
            out.append(']');
        } else if (v.getClass().isArray()) {
            array(out, v);
        } else {
            out.append('{');
            fields(out, v, true);
            out.append('}');
        }
    }

    /** @return whether the next field is still the first of its object */
    private static boolean fields(StringBuilder out, Object o, boolean first) {
        boolean omitNulls = o.getClass().isAnnotationPresent(OmitNulls.class);
        for (Field f : FIELDS.get(o.getClass())) {
            Object fieldValue;
            try {
                fieldValue = f.get(o);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot read " + f, e);
            }
            if (fieldValue == null && omitNulls) {
                continue;
            }
            if (f.isAnnotationPresent(Unwrapped.class)) {
                if (fieldValue != null) first = fields(out, fieldValue, first);
                continue;
            }
            if (!first) out.append(',');
            first = false;
            string(out, f.getName());
            out.append(':');
            value(out, fieldValue);
        }
        return first;
    }

    private static void array(StringBuilder out, Object array) {
        out.append('[');
        int n = java.lang.reflect.Array.getLength(array);
        for (int i = 0; i < n; i++) {
            if (i > 0) out.append(',');
            value(out, java.lang.reflect.Array.get(array, i));
        }
        out.append(']');
    }

    private static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': out.append("\\\""); break;
                case '\\': out.append("\\\\"); break;
                case '\n': out.append("\\n"); break;
                case '\r': out.append("\\r"); break;
                case '\t': out.append("\\t"); break;
                default:
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
            }
        }
        out.append('"');
    }
}

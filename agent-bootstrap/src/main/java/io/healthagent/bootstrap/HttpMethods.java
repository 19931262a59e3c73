package io.healthagent.bootstrap;

/**
 * Request methods as small codes, so that a request carries its method as an int and the metrics keep one
 * slot per method: a method outside the standard nine is {@link #OTHER}, which bounds the
 * {@code method} label whatever clients send. {@link #code} allocates nothing: a string switch compares
 * the string's cached hash, then its characters.
 */
public final class HttpMethods {
    public static final int OTHER = 0;
    /** Label values by code; {@code other} for {@link #OTHER}. */
    private static final String[] NAMES = {"other", "GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE",
            "CONNECT"};
    public static final int COUNT = NAMES.length;

    private HttpMethods() {
    }

    /** The code of {@code method} as the request line spells it (methods are case-sensitive); OTHER if unknown. */
    public static int code(String method) {
        if (method == null) {
            return OTHER;
        }
        switch (method) {
            case "GET": return 1;
            case "HEAD": return 2;
            case "POST": return 3;
            case "PUT": return 4;
            case "DELETE": return 5;
            case "PATCH": return 6;
            case "OPTIONS": return 7;
            case "TRACE": return 8;
            case "CONNECT": return 9;
            default: return OTHER;
        }
    }

    /** The label value of {@code code}. */
    public static String name(int code) {
        return code > 0 && code < COUNT ? NAMES[code] : NAMES[OTHER];
    }
}

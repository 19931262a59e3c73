package io.healthagent.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses sizes operators write: 512k, 100m, 2g (powers of 1024), or plain bytes. */
public final class Sizes {
    private static final Pattern FORM = Pattern.compile("(\\d+)\\s*([kmgt]?)b?");

    private Sizes() {
    }

    public static long parse(String text) {
        Matcher m = FORM.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("expected a size like 500m or 2g");
        }
        long n = Long.parseLong(m.group(1));
        switch (m.group(2)) {
            case "k": return n << 10;
            case "m": return n << 20;
            case "g": return n << 30;
            case "t": return n << 40;
            default: return n;
        }
    }
}

package io.healthagent.checks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps passwords and tokens out of every message, JSON body and log line: URLs lose the password of
 * their user info and secret-looking query parameters, and every known secret value is masked wherever
 * it appears (a driver's exception message may quote its URL).
 */
public final class Secrets {
    private static final String MASK = "***";
    private static final Pattern USERINFO_PASSWORD = Pattern.compile("(//[^/@:\\s]*):([^@/\\s]*)@");
    private static final Pattern SECRET_PARAMETER =
            Pattern.compile("(?i)\\b(password|passwd|pwd|token|secret|api_?key|access_?key)=(?!\\*\\*\\*)([^&;,\\s]*)");

    private final List<String> values = new ArrayList<>();

    /** @param secrets known secret values (nulls and very short values are ignored) */
    public Secrets(Collection<String> secrets) {
        for (String s : secrets) {
            if (s != null && s.length() >= 3) {
                values.add(s);
            }
        }
        values.sort((a, b) -> b.length() - a.length()); // longest first, so no secret is half masked
    }

    /** A URL safe to show: user kept, password and secret parameters masked. */
    public static String url(String url) {
        if (url == null) {
            return null;
        }
        String u = USERINFO_PASSWORD.matcher(url).replaceAll("$1:" + MASK + "@");
        return SECRET_PARAMETER.matcher(u).replaceAll("$1=" + MASK);
    }

    /** The secrets a URL carries (its user info's password, secret query parameters), to mask them anywhere. */
    public static List<String> secretsIn(String url) {
        List<String> found = new ArrayList<>();
        if (url == null) {
            return found;
        }
        Matcher m = USERINFO_PASSWORD.matcher(url);
        if (m.find()) {
            found.add(m.group(2));
        }
        Matcher q = SECRET_PARAMETER.matcher(url);
        while (q.find()) {
            found.add(q.group(2));
        }
        return found;
    }

    /** Known values first, exactly; then anything that still looks like a secret in a URL. */
    public String scrub(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String v : values) {
            out = out.replace(v, MASK);
        }
        return url(out);
    }
}

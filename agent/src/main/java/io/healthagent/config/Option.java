package io.healthagent.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One option, declared once in {@link OptionTable}: its key, how a value is read, its default, what a bad
 * value falls back to, and its row in docs/configuration.md. The loader, the unknown-key check and the
 * docs check all read the declaration.
 *
 * <p>A key may hold upper-case placeholders ({@code check.NAME.timeout}, {@code threshold.METRIC.SEVERITY}),
 * each matching a lower-case segment (or one of a fixed list of values).
 */
public final class Option<T> {

    /** Reads one value; throws {@link IllegalArgumentException} whose message names the accepted form. */
    public interface Reader<T> {
        T read(String key, String value);
    }

    /** A value refused with a message of its own: the loader writes {@code option 'KEY'} then this message. */
    static final class Refused extends IllegalArgumentException {
        Refused(String messageAfterKey) {
            super(messageAfterKey);
        }
    }

    public final String key;
    /** The group of docs/configuration.md this option's row stands in. */
    public final String group;
    /** The default as the docs show it: "10s", "3 × check.interval", "none". */
    public final String defaultText;
    /** The row's text in docs/configuration.md (markdown). */
    public final String description;
    final Reader<T> reader;
    private final T defaultValue;
    private Function<Options, T> derivedDefault;
    /** What a bad value leads to, as the problem line ends: "using 10s", "the HTTP endpoints are off". */
    String fallback;
    /** The value a bad value leaves, when it is not the default (port: -1, the endpoints off). */
    private T fallbackValue;
    private boolean hasFallbackValue;
    /** A bad value is never echoed (tokens, URLs that carry one). */
    boolean secret;
    /** An empty value leaves the default, without a word (a path or name set to nothing). */
    boolean emptyIsUnset;

    private final List<String> placeholders = new ArrayList<>();
    private final Map<String, String> placeholderValues = new LinkedHashMap<>();
    private Pattern keyPattern;
    private Pattern envPattern;

    Option(String group, String key, T defaultValue, String defaultText, Reader<T> reader, String description) {
        this.group = group;
        this.key = key;
        this.defaultValue = defaultValue;
        this.defaultText = defaultText;
        this.reader = reader;
        this.description = description;
        this.fallback = defaultValue == null ? "not used" : "using " + defaultText.replace("`", "");
        for (String segment : key.split("\\.")) {
            if (isPlaceholder(segment)) placeholders.add(segment);
        }
    }

    /** The values a placeholder may take, as a regular expression ({@code cpu|memory|disk}). */
    Option<T> placeholder(String name, String valuesRegex) {
        placeholderValues.put(name, valuesRegex);
        return this;
    }

    Option<T> derivedDefault(Function<Options, T> f) {
        this.derivedDefault = f;
        return this;
    }

    Option<T> onBad(String fallback) {
        this.fallback = fallback;
        return this;
    }

    Option<T> onBad(String fallback, T value) {
        this.fallback = fallback;
        this.fallbackValue = value;
        this.hasFallbackValue = true;
        return this;
    }

    Option<T> secret() {
        this.secret = true;
        return this;
    }

    Option<T> emptyIsUnset() {
        this.emptyIsUnset = true;
        return this;
    }

    public boolean isTemplate() {
        return !placeholders.isEmpty();
    }

    T defaultFor(Options options) {
        return derivedDefault != null ? derivedDefault.apply(options) : defaultValue;
    }

    boolean hasFallbackValue() {
        return hasFallbackValue;
    }

    T fallbackValue() {
        return fallbackValue;
    }

    /** This option's key with its placeholders filled in, in order. */
    public String keyFor(String... values) {
        if (values.length != placeholders.size()) {
            throw new IllegalArgumentException(key + " takes " + placeholders.size() + " names");
        }
        StringBuilder out = new StringBuilder();
        int next = 0;
        for (String segment : key.split("\\.")) {
            if (out.length() > 0) out.append('.');
            out.append(isPlaceholder(segment) ? values[next++] : segment);
        }
        return out.toString();
    }

    /** Whether {@code concreteKey} is this option (a template matches each of its instances). */
    boolean matches(String concreteKey) {
        return isTemplate() ? keyPattern().matcher(concreteKey).matches() : key.equals(concreteKey);
    }

    /** The placeholders' values in {@code concreteKey}, in order. */
    String[] namesIn(String concreteKey) {
        Matcher m = keyPattern().matcher(concreteKey);
        if (!m.matches()) return new String[0];
        String[] out = new String[m.groupCount()];
        for (int i = 0; i < out.length; i++) out[i] = m.group(i + 1);
        return out;
    }

    /** The option key an environment variable names, or null: HEALTH_AGENT_CHECK_EXTERNAL_API_URL is check.external_api.url. */
    String keyOfEnvironment(String variable) {
        if (!isTemplate()) return variable.equals(environmentName()) ? key : null;
        Matcher m = envPattern().matcher(variable);
        if (!m.matches()) return null;
        String[] values = new String[m.groupCount()];
        for (int i = 0; i < values.length; i++) values[i] = m.group(i + 1).toLowerCase(Locale.ROOT);
        return keyFor(values);
    }

    /** HEALTH_AGENT_CHECK_INTERVAL for check.interval; HEALTH_AGENT_CHECK_NAME_URL for check.NAME.url. */
    public String environmentName() {
        return OptionsLoader.ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_');
    }

    private Pattern keyPattern() {
        if (keyPattern == null) keyPattern = Pattern.compile(regex(false));
        return keyPattern;
    }

    private Pattern envPattern() {
        if (envPattern == null) envPattern = Pattern.compile(Pattern.quote(OptionsLoader.ENV_PREFIX) + regex(true));
        return envPattern;
    }

    private String regex(boolean environment) {
        StringBuilder out = new StringBuilder();
        for (String segment : key.split("\\.")) {
            if (out.length() > 0) out.append(environment ? "_" : "\\.");
            if (isPlaceholder(segment)) {
                boolean free = !placeholderValues.containsKey(segment);
                // A free name (a check's) may have capitals and dots in a key (check.catalogApi.timeout,
                // check.dropwizard.cpu.timeout: the application's names); an environment variable's is upper case.
                String values = free ? (environment ? "[a-z0-9_-]+" : "[A-Za-z0-9_-]+(?:\\.[A-Za-z0-9_-]+)*")
                        : placeholderValues.get(segment);
                out.append('(').append(environment ? values.toUpperCase(Locale.ROOT) : values)
                        .append(environment && free ? "?" : "").append(')');
            } else {
                String literal = environment ? segment.toUpperCase(Locale.ROOT) : segment;
                out.append(Pattern.quote(literal));
            }
        }
        return out.toString();
    }

    List<String> placeholders() {
        return Collections.unmodifiableList(placeholders);
    }

    private static boolean isPlaceholder(String segment) {
        return segment.matches("[A-Z]+");
    }

    @Override
    public String toString() {
        return key;
    }
}

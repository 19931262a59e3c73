package io.healthagent.config;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The agent's options, read and validated once at start by {@link OptionsLoader}; every part reads this one
 * object. Each option is declared in {@link OptionTable} and read with {@link #get(Option)}.
 */
public final class Options {
    /** Values set and accepted, by concrete key; an absent key has its option's default. */
    private final Map<String, Object> values;
    /** Keys whose value was refused (a bad host turns the endpoints off whatever the port says). */
    private final Set<String> refused;
    private final Thresholds thresholds;

    /** One human line per rejected or unknown option; the agent logs them at start. */
    public final List<String> problems;

    Options(Map<String, Object> values, Set<String> refused, List<String> problems) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.refused = Collections.unmodifiableSet(refused);
        this.problems = Collections.unmodifiableList(problems);
        this.thresholds = readThresholds();
    }

    /** The value of an option without placeholders: as set, else its default. */
    public <T> T get(Option<T> option) {
        return valueAt(option, option.key);
    }

    /** The value of a template's instance: {@code get(CHECK_TIMEOUT, "redis")} is check.redis.timeout. */
    public <T> T get(Option<T> option, String... names) {
        return valueAt(option, option.keyFor(names));
    }

    /** Every instance of a one-placeholder template that was set, by its name, in key order (check.NAME.url). */
    public <T> Map<String, T> named(Option<T> option) {
        Map<String, T> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : values.entrySet()) {
            if (option.matches(e.getKey())) {
                @SuppressWarnings("unchecked")
                T value = (T) e.getValue();
                out.put(option.namesIn(e.getKey())[0], value);
            }
        }
        return Collections.unmodifiableMap(out);
    }

    @SuppressWarnings("unchecked")
    private <T> T valueAt(Option<T> option, String key) {
        return values.containsKey(key) ? (T) values.get(key) : option.defaultFor(this);
    }

    public Thresholds thresholds() {
        return thresholds;
    }

    private Thresholds readThresholds() {
        Thresholds d = Thresholds.defaults();
        Map<Thresholds.Metric, double[]> levels = new EnumMap<>(Thresholds.Metric.class);
        for (Thresholds.Metric m : Thresholds.Metric.values()) {
            double[] l = {d.warning(m), d.critical(m), d.emergency(m)};
            for (int i = 0; i < l.length; i++) {
                Double set = (Double) values.get(OptionTable.THRESHOLD.keyFor(m.key, Thresholds.SEVERITIES[i]));
                if (set != null) l[i] = set;
            }
            levels.put(m, l);
        }
        return new Thresholds(levels);
    }

    /** The timeout and thresholds of check {@code name}: its own options over the defaults. */
    public CheckSettings check(String name) {
        return new CheckSettings(get(OptionTable.CHECK_OWN_INTERVAL, name), get(OptionTable.CHECK_TIMEOUT, name),
                new io.healthagent.model.HealthThreshold(get(OptionTable.CHECK_MAX_RESPONSE_TIME, name).toMillis(),
                        get(OptionTable.CHECK_MAX_FAILURE_RATE, name),
                        get(OptionTable.CHECK_MAX_CONSECUTIVE_FAILURES, name)),
                get(OptionTable.CHECK_EXPECTED_STATUS, name));
    }

    /** How often check {@code name} runs: check.NAME.interval, else check.interval. */
    public Duration intervalOf(String name) {
        Duration own = get(OptionTable.CHECK_OWN_INTERVAL, name);
        return own != null ? own : get(OptionTable.CHECK_INTERVAL);
    }

    /** The filesystem the disk_space check and the disk-full forecast watch: audio.dir's, else the working directory's. */
    public Path watchedDisk() {
        String audioDir = get(OptionTable.AUDIO_DIR);
        return Paths.get(audioDir != null ? audioDir : System.getProperty("user.dir")).toAbsolutePath();
    }

    /** A bad port or host turns the endpoints off: binding a port the operator did not ask for is worse than none. */
    public boolean httpEnabled() {
        return get(OptionTable.PORT_NUMBER) >= 0 && !refused.contains(OptionTable.HOST.key);
    }
}

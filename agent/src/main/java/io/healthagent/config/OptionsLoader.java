package io.healthagent.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads options from, in order of precedence: agent arguments ({@code key=value,key=value}), system
 * properties ({@code -Dhealth.agent.KEY}), environment ({@code HEALTH_AGENT_KEY}) and the properties
 * file named by {@code config}. A bad value never stops the host: it is reported in
 * {@link Options#problems} and the default is used (for {@code port}/{@code host}, the HTTP endpoints
 * stay off instead, since binding a port the operator did not ask for would be worse).
 */
public final class OptionsLoader {
    public static final String SYSTEM_PROPERTY_PREFIX = "health.agent.";
    public static final String ENV_PREFIX = "HEALTH_AGENT_";

    private OptionsLoader() {
    }

    public static Options load(String agentArgs, Properties systemProperties, Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        Map<String, String> fromArgs = parseAgentArgs(agentArgs, problems);
        Map<String, String> fromSys = fromSystemProperties(systemProperties);
        Map<String, String> fromEnv = fromEnvironment(env, problems);

        String configPath = first("config", fromArgs, fromSys, fromEnv);
        Map<String, String> fromFile = configPath == null ? new LinkedHashMap<>() : fromFile(configPath, problems);

        // Lowest precedence first, so that later puts win.
        Map<String, String> merged = new TreeMap<>();
        merged.putAll(fromFile);
        merged.putAll(fromEnv);
        merged.putAll(fromSys);
        merged.putAll(fromArgs);
        return build(merged, problems);
    }

    private static String first(String key, Map<String, String> a, Map<String, String> b, Map<String, String> c) {
        if (a.containsKey(key)) return a.get(key);
        if (b.containsKey(key)) return b.get(key);
        return c.get(key);
    }

    static Map<String, String> parseAgentArgs(String args, List<String> problems) {
        Map<String, String> out = new LinkedHashMap<>();
        if (args == null || args.trim().isEmpty()) {
            return out;
        }
        String[] parts = args.split(",");
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (part.trim().isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq <= 0 && parts.length == 1 && OptionTable.find(part.trim()) != null) {
                // jcmd's JVMTI.agent_load cuts a bare argument at its first '=': "port=9100" arrives as "port".
                problems.add("the options arrived as '" + part.trim() + "' alone: jcmd cuts them at the first '=';"
                        + " quote them whole: jcmd PID JVMTI.agent_load /path/to/health-agent.jar '\"port=9100,check.interval=1s\"'"
                        + " (or: java -jar health-agent.jar attach PID port=9100,check.interval=1s)");
                continue;
            }
            if (eq <= 0) {
                // Not echoed: a stray fragment may well be part of a password.
                problems.add("agent argument #" + (i + 1) + " is not of the form key=value; ignored");
                continue;
            }
            out.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
        }
        return out;
    }

    private static Map<String, String> fromSystemProperties(Properties props) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : props.stringPropertyNames()) {
            if (name.startsWith(SYSTEM_PROPERTY_PREFIX)) {
                out.put(name.substring(SYSTEM_PROPERTY_PREFIX.length()), props.getProperty(name).trim());
            }
        }
        return out;
    }

    private static Map<String, String> fromEnvironment(Map<String, String> env, List<String> problems) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : env.entrySet()) {
            String name = e.getKey();
            if (!name.startsWith(ENV_PREFIX)) {
                continue;
            }
            String key = OptionTable.keyOfEnvironment(name);
            if (key == null) {
                String near = OptionTable.nearestEnvironment(name);
                problems.add("unknown environment variable " + name + "; ignored" + (near == null ? "" : " (did you mean " + near + "?)"));
                continue;
            }
            out.put(key, e.getValue().trim());
        }
        return out;
    }

    private static Map<String, String> fromFile(String path, List<String> problems) {
        Map<String, String> out = new LinkedHashMap<>();
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(Paths.get(path))) {
            p.load(in);
        } catch (IOException | RuntimeException e) {
            problems.add("option 'config': cannot read properties file '" + path + "' (" + e.getClass().getSimpleName()
                    + "); its options are not used");
            return out;
        }
        for (String name : p.stringPropertyNames()) {
            out.put(name, p.getProperty(name).trim());
        }
        return out;
    }

    private static Options build(Map<String, String> raw, List<String> problems) {
        Map<String, Object> values = new LinkedHashMap<>();
        Set<String> refused = new LinkedHashSet<>();
        for (Map.Entry<String, String> e : raw.entrySet()) {
            String key = e.getKey();
            Option<?> option = OptionTable.find(key);
            if (option == null) {
                String near = OptionTable.nearest(key);
                problems.add("unknown option '" + key + "'; ignored" + (near == null ? "" : " (did you mean '" + near + "'?)"));
            } else {
                read(option, key, e.getValue(), values, refused, problems);
            }
        }
        AcrossOptions.apply(values, problems);
        return new Options(values, refused, problems);
    }

    private static <T> void read(Option<T> option, String key, String value, Map<String, Object> values,
            Set<String> refused, List<String> problems) {
        if (value.isEmpty() && option.emptyIsUnset) return;
        try {
            values.put(key, option.reader.read(key, value));
        } catch (Option.Refused r) {
            refused.add(key);
            problems.add("option '" + key + "'" + r.getMessage());
        } catch (IllegalArgumentException bad) {
            refused.add(key);
            String expected = bad instanceof NumberFormatException ? "expected a number" : bad.getMessage();
            problems.add(option.secret
                    ? "option '" + key + "' is invalid: " + expected + "; " + option.fallback
                    : "option '" + key + "' = '" + value + "' is invalid: " + expected + "; " + option.fallback);
            if (option.hasFallbackValue()) values.put(key, option.fallbackValue());
        }
    }
}

package io.healthagent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OptionsLoaderTest {
    private static final Properties NO_PROPS = new Properties();
    private static final Map<String, String> NO_ENV = Map.of();

    @Test
    void defaultsMatchTheDesign() {
        Options o = OptionsLoader.load(null, NO_PROPS, NO_ENV);
        assertTrue(o.get(OptionTable.ENABLED));
        assertEquals(8082, o.get(OptionTable.PORT_NUMBER));
        assertEquals("0.0.0.0", o.get(OptionTable.HOST));
        assertEquals("stream-server", o.get(OptionTable.SERVICE_NAME));
        assertNull(o.get(OptionTable.SERVICE_VERSION));
        assertEquals(Duration.ofSeconds(10), o.get(OptionTable.CHECK_INTERVAL));
        assertNull(o.get(OptionTable.AUTH_TOKEN));
        assertEquals(70, o.thresholds().warning(Thresholds.Metric.CPU));
        assertEquals(98, o.thresholds().emergency(Thresholds.Metric.DISK));
        assertEquals(3000, o.thresholds().critical(Thresholds.Metric.RESPONSE_TIME));
        assertTrue(o.problems.isEmpty());
    }

    @Test
    void precedenceIsArgumentsThenSystemPropertiesThenEnvironmentThenFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("agent.properties");
        Files.write(file, ("port=1001\nhost=10.0.0.1\nservice.name=file\nservice.version=4.0\ncheck.interval=4s\n")
                .getBytes());
        Properties props = new Properties();
        props.setProperty("health.agent.port", "1002");
        props.setProperty("health.agent.service.name", "sysprop");
        props.setProperty("health.agent.check.interval", "2s");
        props.setProperty("unrelated.property", "x");
        Map<String, String> env = new HashMap<>();
        env.put("HEALTH_AGENT_PORT", "1003");
        env.put("HEALTH_AGENT_SERVICE_NAME", "env");
        env.put("HEALTH_AGENT_SERVICE_VERSION", "3.0");
        env.put("HEALTH_AGENT_CONFIG", file.toString());
        env.put("PATH", "/usr/bin");

        Options o = OptionsLoader.load("port=1004", props, env);
        assertEquals(1004, o.get(OptionTable.PORT_NUMBER), "argument wins");
        assertEquals("sysprop", o.get(OptionTable.SERVICE_NAME), "system property beats environment");
        assertEquals("3.0", o.get(OptionTable.SERVICE_VERSION), "environment beats file");
        assertEquals(Duration.ofSeconds(2), o.get(OptionTable.CHECK_INTERVAL));
        assertEquals("10.0.0.1", o.get(OptionTable.HOST), "file beats default");
        assertTrue(o.problems.isEmpty(), o.problems.toString());
    }

    @Test
    void durationsTakeTheUsualUnits() {
        assertEquals(Duration.ofMillis(500), Durations.parse("500ms"));
        assertEquals(Duration.ofSeconds(10), Durations.parse("10s"));
        assertEquals(Duration.ofMinutes(5), Durations.parse("5m"));
        assertEquals(Duration.ofHours(1), Durations.parse("1h"));
        assertEquals("5m", Durations.format(Duration.ofMinutes(5)));
        assertEquals("1500ms", Durations.format(Duration.ofMillis(1500)));
    }

    @Test
    void badValuesAreNamedAndFallBack() {
        Options o = OptionsLoader.load("check.interval=10,enabled=maybe,threshold.memory.critical=120", NO_PROPS,
                NO_ENV);
        assertEquals(Duration.ofSeconds(10), o.get(OptionTable.CHECK_INTERVAL));
        assertTrue(o.get(OptionTable.ENABLED));
        assertEquals(90, o.thresholds().critical(Thresholds.Metric.MEMORY));
        assertEquals(3, o.problems.size(), o.problems.toString());
        assertTrue(o.problems.get(0).startsWith("option 'check.interval' = '10' is invalid: expected a duration"),
                o.problems.get(0));
        assertTrue(o.httpEnabled(), "a bad interval does not turn the endpoints off");
    }

    @Test
    void aBadPortOrHostTurnsOnlyTheEndpointsOff() {
        assertFalse(OptionsLoader.load("port=99999", NO_PROPS, NO_ENV).httpEnabled());
        assertFalse(OptionsLoader.load("port=http", NO_PROPS, NO_ENV).httpEnabled());
        Options badHost = OptionsLoader.load("host=local host,port=9000", NO_PROPS, NO_ENV);
        assertFalse(badHost.httpEnabled(), "a later valid port must not turn them back on");
        assertTrue(badHost.get(OptionTable.ENABLED));
        assertEquals(0, OptionsLoader.load("port=0", NO_PROPS, NO_ENV).get(OptionTable.PORT_NUMBER), "0 picks a free port");
    }

    @Test
    void unknownKeysAndFragmentsAreReportedWithoutEchoingValues() {
        Options o = OptionsLoader.load("prot=8080,hunter2", NO_PROPS, Map.of("HEALTH_AGENT_BOGUS", "1"));
        assertEquals(3, o.problems.size(), o.problems.toString());
        assertTrue(o.problems.stream().anyMatch(p -> p.equals("unknown option 'prot'; ignored (did you mean 'port'?)")));
        assertTrue(o.problems.stream().noneMatch(p -> p.contains("hunter2")), "a stray fragment may be a secret");
        assertTrue(o.problems.stream().anyMatch(p -> p.contains("HEALTH_AGENT_BOGUS")));
    }

    @Test
    void secretsNeverAppearInProblems() {
        Options o = OptionsLoader.load("auth.token=,db.password=pa55", NO_PROPS, NO_ENV);
        assertEquals("pa55", o.get(OptionTable.DB_PASSWORD));
        assertTrue(o.problems.stream().noneMatch(p -> p.contains("pa55")));
    }

    @Test
    void extraChecksComeFromArgumentsAndEnvironment() {
        Options o = OptionsLoader.load("check.payments.url=https://pay.example/health", NO_PROPS,
                Map.of("HEALTH_AGENT_CHECK_EXTERNAL_API_URL", "tcp://127.0.0.1:9000"));
        assertEquals("https://pay.example/health", o.named(OptionTable.CHECK_URL).get("payments"));
        assertEquals("tcp://127.0.0.1:9000", o.named(OptionTable.CHECK_URL).get("external_api"));
        Options clash = OptionsLoader.load("check.redis.url=tcp://x:1", NO_PROPS, NO_ENV);
        assertTrue(clash.named(OptionTable.CHECK_URL).isEmpty());
        assertTrue(clash.problems.get(0).contains("built-in check name"));
    }

    @Test
    void thresholdsAcceptPercentagesAndDurationsAndMustRise() {
        Options o = OptionsLoader.load("threshold.cpu.warning=60%,threshold.response_time.warning=500ms", NO_PROPS,
                NO_ENV);
        assertEquals(60, o.thresholds().warning(Thresholds.Metric.CPU));
        assertEquals(500, o.thresholds().warning(Thresholds.Metric.RESPONSE_TIME));
        Options inverted = OptionsLoader.load("threshold.disk.warning=99", NO_PROPS, NO_ENV);
        assertEquals(85, inverted.thresholds().warning(Thresholds.Metric.DISK), "back to the defaults");
        assertTrue(inverted.problems.get(0).contains("must rise from warning to critical to emergency"));
    }

    @Test
    void anUnreadableConfigFileIsReportedAndIgnored() {
        Options o = OptionsLoader.load("config=/nonexistent/agent.properties,port=9000", NO_PROPS, NO_ENV);
        assertEquals(9000, o.get(OptionTable.PORT_NUMBER));
        assertTrue(o.problems.get(0).startsWith("option 'config': cannot read properties file"));
    }

    @Test
    void checkSettingsArePerCheckWithDefaults() {
        Options o = OptionsLoader.load("check.redis.timeout=2s,check.redis.max_response_time=200ms,"
                + "check.redis.max_consecutive_failures=5,check.api.url=http://x/,check.api.expected_status=204,"
                + "check.api.max_failure_rate=0.25,cache.max_size=512m,websocket.max_connections=100", NO_PROPS, NO_ENV);
        assertTrue(o.problems.isEmpty(), o.problems.toString());
        assertEquals(Duration.ofSeconds(2), o.check("redis").timeout);
        assertEquals(200, o.check("redis").threshold.max_response_time_ms);
        assertEquals(5, o.check("redis").threshold.max_consecutive_failures);
        assertEquals(0.1f, o.check("redis").threshold.max_failure_rate, "default kept");
        assertTrue(o.check("api").statusExpected(204));
        assertFalse(o.check("api").statusExpected(200));
        assertEquals(0.25f, o.check("api").threshold.max_failure_rate);
        assertTrue(o.check("database").statusExpected(200), "2xx by default");
        assertEquals(Duration.ofSeconds(5), o.check("database").timeout);
        assertEquals(512L << 20, o.get(OptionTable.CACHE_MAX_SIZE));
        assertEquals(100, o.get(OptionTable.WEBSOCKET_MAX_CONNECTIONS));
    }

    @Test
    void applicationCheckNamesKeepTheirCapitalsAndDots() {
        Options o = OptionsLoader.load("check.catalogApi.timeout=2s,check.dropwizard.cpu.max_consecutive_failures=7,"
                + "readiness.checks=catalogApi;dropwizard.cpu", NO_PROPS, NO_ENV);
        assertTrue(o.problems.isEmpty(), o.problems.toString());
        assertEquals(Duration.ofSeconds(2), o.check("catalogApi").timeout);
        assertEquals(Duration.ofSeconds(5), o.check("catalogapi").timeout, "a name is the framework's, capitals and all");
        assertEquals(7, o.check("dropwizard.cpu").threshold.max_consecutive_failures);
        assertEquals(3, o.check("cpu").threshold.max_consecutive_failures);
        assertEquals(Set.of("catalogApi", "dropwizard.cpu"), o.get(OptionTable.READINESS_CHECKS));
    }

    @Test
    void badCheckSettingsAreNamed() {
        Options o = OptionsLoader.load("check.redis.timeout=forever,check.api.expected_status=ok,"
                + "check.api.max_failure_rate=3,cache.max_size=big", NO_PROPS,
                Map.of("HEALTH_AGENT_CHECK_REDIS_MAX_CONSECUTIVE_FAILURES", "0"));
        assertEquals(5, o.problems.size(), o.problems.toString());
        assertTrue(o.problems.stream().anyMatch(p -> p.startsWith("option 'check.redis.max_consecutive_failures' = '0'")));
        assertEquals(Duration.ofSeconds(5), o.check("redis").timeout);
        assertEquals(1L << 30, o.get(OptionTable.CACHE_MAX_SIZE));
    }

    @Test
    void notificationForecastAndScoreOptionsHaveDefaultsAndNameTheirProblems() {
        Options d = OptionsLoader.load(null, NO_PROPS, NO_ENV);
        assertNull(d.get(OptionTable.WEBHOOK_URL));
        assertNull(d.get(OptionTable.ALERTMANAGER_URL));
        assertEquals(Duration.ofMinutes(3), d.get(OptionTable.ALERT_RENOTIFY));
        assertEquals(Duration.ofMinutes(1), d.get(OptionTable.ALERTMANAGER_RESEND));
        assertEquals(Duration.ofMillis(500), d.get(OptionTable.APDEX_T));
        assertEquals(Duration.ofHours(1), d.get(OptionTable.FORECAST_WINDOW));
        assertEquals(Duration.ofDays(3), d.get(OptionTable.DISK_INFO));
        assertEquals(Duration.ofHours(8), d.get(OptionTable.DISK_WARNING));
        assertEquals(Duration.ofHours(48), d.get(OptionTable.DISK_WARNING_CLEAR));
        assertEquals(Duration.ofSeconds(5), d.get(OptionTable.RUN_MIN_INTERVAL));

        Options o = OptionsLoader.load("alert.webhook.url=http://hooks/T/B/s3cr3tPath,alertmanager.url=http://am:9093,"
                + "forecast.disk.info=7d,apdex.t=200ms,forecast.window=5s", NO_PROPS, NO_ENV);
        assertEquals("http://hooks/T/B/s3cr3tPath", o.get(OptionTable.WEBHOOK_URL));
        assertEquals("http://am:9093", o.get(OptionTable.ALERTMANAGER_URL));
        assertEquals(Duration.ofDays(7), o.get(OptionTable.DISK_INFO));
        assertEquals(Duration.ofMillis(200), o.get(OptionTable.APDEX_T));
        assertEquals(Duration.ofHours(1), o.get(OptionTable.FORECAST_WINDOW), "under its least value (10s): the default");
        assertEquals(1, o.problems.size(), o.problems.toString());
        assertTrue(o.problems.get(0).contains("'forecast.window' = '5s' is invalid: expected at least 10s; using 1h"),
                o.problems.toString());

        Options bad = OptionsLoader.load("alert.webhook.url=ftp://hooks/s3cr3tPath,forecast.disk.critical=12h", NO_PROPS, NO_ENV);
        assertNull(bad.get(OptionTable.WEBHOOK_URL));
        assertEquals(2, bad.problems.size(), bad.problems.toString());
        assertFalse(bad.problems.toString().contains("s3cr3t"), "a webhook URL is not echoed: " + bad.problems);
        assertTrue(bad.problems.get(1).startsWith("options 'forecast.disk.*' must widen"), bad.problems.toString());
        assertEquals(Duration.ofHours(2), bad.get(OptionTable.DISK_CRITICAL));

        Options slow = OptionsLoader.load("check.interval=5m", NO_PROPS, NO_ENV); // alert.for 15 min
        assertEquals(Duration.ofMinutes(30), slow.get(OptionTable.PATTERN_RECENT), "outlasts alert.for twice, by itself");
        assertTrue(slow.problems.isEmpty(), slow.problems.toString());
        Options tooShort = OptionsLoader.load("check.interval=1s,pattern.recent=4s", NO_PROPS, NO_ENV);
        assertEquals(Duration.ofSeconds(6), tooShort.get(OptionTable.PATTERN_RECENT));
        assertEquals(List.of("option 'pattern.recent' = '4s' is too short: it must outlast alert.for twice (3s); using 6s"),
                tooShort.problems);
    }

    @Test
    void aNearMissNamesTheOptionItMeant() {
        Options o = OptionsLoader.load("chek.interval=5s,check.redis.timout=2s,colour=red", NO_PROPS,
                Map.of("HEALTH_AGENT_CHECK_INTERVALL", "1s"));
        assertTrue(o.problems.contains("unknown option 'chek.interval'; ignored (did you mean 'check.interval'?)"),
                o.problems.toString());
        assertTrue(o.problems.contains("unknown option 'check.redis.timout'; ignored (did you mean 'check.redis.timeout'?)"),
                o.problems.toString());
        assertTrue(o.problems.contains("unknown option 'colour'; ignored"), "no guess for another word: " + o.problems);
        assertTrue(o.problems.contains("unknown environment variable HEALTH_AGENT_CHECK_INTERVALL; ignored"
                + " (did you mean HEALTH_AGENT_CHECK_INTERVAL?)"), o.problems.toString());
        assertEquals(Duration.ofSeconds(10), o.get(OptionTable.CHECK_INTERVAL));
    }

    @Test
    void everyDeclaredOptionIsReadFromArgumentsAndEnvironmentUnderItsOwnName() {
        for (Option<?> option : OptionTable.all()) {
            String[] names = new String[option.placeholders().size()];
            java.util.Arrays.fill(names, "x");
            if (option == OptionTable.THRESHOLD) names = new String[] {"error_rate", "critical"};
            String key = option.keyFor(names);
            assertEquals(option, OptionTable.find(key), key);
            String env = OptionsLoader.ENV_PREFIX + key.toUpperCase(java.util.Locale.ROOT).replace('.', '_');
            assertEquals(key, OptionTable.keyOfEnvironment(env), env);
            assertTrue(option.description.length() > 10 && !option.defaultText.isEmpty(), key + " has its docs row");
        }
        Options o = OptionsLoader.load(null, NO_PROPS, Map.of("HEALTH_AGENT_THRESHOLD_ERROR_RATE_WARNING", "3",
                "HEALTH_AGENT_CHECK_EXTERNAL_API_MAX_RESPONSE_TIME", "250ms"));
        assertTrue(o.problems.isEmpty(), o.problems.toString());
        assertEquals(3, o.thresholds().warning(Thresholds.Metric.ERROR_RATE));
        assertEquals(250, o.check("external_api").threshold.max_response_time_ms);
    }

    @Test
    void aLoneOptionKeyIsJcmdsCutAndSaysHowToQuote() {
        Options o = OptionsLoader.load("port", NO_PROPS, NO_ENV);
        assertEquals(1, o.problems.size(), o.problems.toString());
        assertTrue(o.problems.get(0).startsWith("the options arrived as 'port' alone: jcmd cuts them at the first '=';"
                + " quote them whole: jcmd PID JVMTI.agent_load"), o.problems.get(0));
        Options secret = OptionsLoader.load("hunter2", NO_PROPS, NO_ENV);
        assertEquals(List.of("agent argument #1 is not of the form key=value; ignored"), secret.problems,
                "a word that is no option's key is not echoed: it may be a password");
    }
}

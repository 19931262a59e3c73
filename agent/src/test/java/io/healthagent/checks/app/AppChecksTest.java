package io.healthagent.checks.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.healthagent.model.CheckStatus;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class AppChecksTest {

    @Test
    void includeAndExcludePatternsChooseTheChecks() {
        Predicate<String> all = AppChecks.patterns(Set.of(), Set.of());
        assertTrue(all.test("catalog"));
        Predicate<String> some = AppChecks.patterns(Set.of("catalog*", "*Api"), Set.of("catalogLegacy", "*.slow"));
        assertTrue(some.test("catalog"));
        assertTrue(some.test("catalogSearch"));
        assertTrue(some.test("paymentsApi"));
        assertFalse(some.test("catalogLegacy"), "excluded");
        assertFalse(some.test("payments"), "not included");
        assertFalse(AppChecks.patterns(Set.of(), Set.of("*.slow")).test("dropwizard.slow"));
        assertTrue(AppChecks.patterns(Set.of(), Set.of("*.slow")).test("dropwizardXslow"), "a dot is a dot, not any character");
    }

    @Test
    void actuatorStatusCodesMapToTheSpecificationsStatuses() {
        assertEquals(CheckStatus.PASS, ActuatorCheck.statusOf("UP"));
        assertEquals(CheckStatus.FAIL, ActuatorCheck.statusOf("DOWN"));
        assertEquals(CheckStatus.FAIL, ActuatorCheck.statusOf("OUT_OF_SERVICE"));
        assertEquals(CheckStatus.WARN, ActuatorCheck.statusOf("UNKNOWN"));
        assertEquals(CheckStatus.WARN, ActuatorCheck.statusOf("DEGRADED"), "an application's own status code");
    }
}

package io.healthagent.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SecretsTest {
    @Test
    void urlsLoseTheirPasswordsAndSecretParameters() {
        assertEquals("redis://:***@cache:6379/2", Secrets.url("redis://:hunter2@cache:6379/2"));
        assertEquals("rediss://app:***@cache:6380", Secrets.url("rediss://app:hunter2@cache:6380"));
        assertEquals("https://api.example/health?token=***&x=1", Secrets.url("https://api.example/health?token=abc&x=1"));
        assertEquals("jdbc:postgresql://db/app?user=app&password=***",
                Secrets.url("jdbc:postgresql://db/app?user=app&password=pw"));
        assertEquals("http://host:8080/health", Secrets.url("http://host:8080/health"));
    }

    @Test
    void passwordsAreFoundInUserInfo() {
        assertEquals("hunter2", Secrets.passwordOf("redis://:hunter2@cache:6379"));
        assertNull(Secrets.passwordOf("redis://cache:6379"));
    }

    @Test
    void knownValuesAreMaskedAnywhere() {
        Secrets s = new Secrets(Arrays.asList("hunter2", null, "ab"));
        assertEquals("driver said: bad password *** for user", s.scrub("driver said: bad password hunter2 for user"));
        assertEquals("ab stays: too short to be a secret worth masking", s.scrub("ab stays: too short to be a secret worth masking"));
    }
}

package io.healthagent.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
    void secretsAreFoundInUserInfoAndParameters() {
        assertEquals(java.util.List.of("hunter2"), Secrets.secretsIn("redis://:hunter2@cache:6379"));
        assertEquals(java.util.List.of("pw", "t0k"), Secrets.secretsIn("jdbc:x://u:pw@db/app?token=t0k&x=1"));
        assertEquals(java.util.List.of(), Secrets.secretsIn("redis://cache:6379"));
        assertEquals(java.util.List.of(), Secrets.secretsIn(null));
    }

    @Test
    void aMaskedUrlInsideAMessageKeepsItsPunctuation() {
        Secrets s = new Secrets(Secrets.secretsIn("jdbc:postgresql://db/app?password=pw:x"));
        assertEquals("cannot connect to jdbc:postgresql://db/app?password=***: Connection refused",
                s.scrub("cannot connect to jdbc:postgresql://db/app?password=pw:x: Connection refused"));
        assertEquals("url ?token=*** here", new Secrets(java.util.List.of()).scrub("url ?token=unknown here"));
    }

    @Test
    void knownValuesAreMaskedAnywhere() {
        Secrets s = new Secrets(Arrays.asList("hunter2", null, "ab"));
        assertEquals("driver said: bad password *** for user", s.scrub("driver said: bad password hunter2 for user"));
        assertEquals("ab stays: too short to be a secret worth masking", s.scrub("ab stays: too short to be a secret worth masking"));
    }
}

package dev.paysaga.runtime.auth;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paysaga.runtime.ids.Ids;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class StreamSecretsTest {
    private static final String TOKEN = "svc_stream_secrets_test_token";
    private static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");
    private final StreamSecrets secrets = at(NOW);

    @Test
    void aSecretOpensItsObjectsStreamUntilItExpires() {
        String payment = Ids.next("pay");
        String secret = secrets.issue(payment).orElseThrow();

        assertTrue(secret.matches(payment + "_stream_" + NOW.plus(Duration.ofHours(1)).getEpochSecond() + "_[A-Za-z0-9_-]{43}"),
                secret);
        assertTrue(secrets.opens(secret, payment));
        assertTrue(at(NOW.plus(Duration.ofMinutes(59))).opens(secret, payment), "another replica, later");
        assertFalse(at(NOW.plus(Duration.ofHours(1))).opens(secret, payment), "expired");
    }

    @Test
    void aSecretOpensNoOtherObjectAndCannotBeAlteredOrForged() {
        String payment = Ids.next("pay");
        String secret = secrets.issue(payment).orElseThrow();
        String later = secret.replace("_stream_" + NOW.plus(Duration.ofHours(1)).getEpochSecond(),
                "_stream_" + NOW.plus(Duration.ofDays(365)).getEpochSecond());

        assertFalse(secrets.opens(secret, Ids.next("pay")), "another payment");
        assertFalse(secrets.opens(later, payment), "a longer life written in");
        assertFalse(new StreamSecrets("svc_another_deployment", Duration.ofHours(1), Clock.fixed(NOW, ZoneOffset.UTC))
                .opens(secret, payment), "signed with another key");
        assertFalse(secrets.opens(secret.substring(0, secret.length() - 1), payment), "truncated");
        assertFalse(secrets.opens(payment + "_stream_", payment));
        assertFalse(secrets.opens(payment + "_stream_x_AAAA", payment));
        assertFalse(secrets.opens(payment + "_stream_1_%%%", payment));
        assertFalse(secrets.opens(null, payment));
    }

    @Test
    void withoutTheServiceCredentialNothingIsIssuedOrOpened() {
        StreamSecrets keyless = new StreamSecrets(null, Duration.ofHours(1), Clock.fixed(NOW, ZoneOffset.UTC));
        String payment = Ids.next("pay");

        assertTrue(keyless.issue(payment).isEmpty());
        assertFalse(keyless.opens(secrets.issue(payment).orElseThrow(), payment));
    }

    private static StreamSecrets at(Instant now) {
        return new StreamSecrets(TOKEN, Duration.ofHours(1), Clock.fixed(now, ZoneOffset.UTC));
    }
}

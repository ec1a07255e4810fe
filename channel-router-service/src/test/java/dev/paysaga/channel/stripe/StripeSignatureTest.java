package dev.paysaga.channel.stripe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.paysaga.channel.domain.Masked;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Stripe-Signature verification: a published known answer, then the header's rules as a table. */
class StripeSignatureTest {
    /**
     * Stripe's own vector, from the official .NET SDK's tests (stripe/stripe-dotnet,
     * src/StripeTests/Services/Events/EventUtilityTest.cs with src/StripeTests/Resources/event_test_signature.json):
     * secret {@code webhook_secret}, t {@code 1533204620}, the fixture's exact bytes (it ends with a newline) and the
     * v1 / v0 the test expects. Checked independently with {@code openssl dgst -sha256 -hmac webhook_secret}.
     */
    static final String KAT_SECRET = "webhook_secret";
    static final long KAT_T = 1533204620L;
    static final String KAT_PAYLOAD = """
            {
              "id": "evt_123",
              "object": "event",
              "account": "acct_123",
              "api_version": "2017-05-25",
              "created": 1533204620,
              "data": {
                "object": {
                  "id": "cus_123",
                  "object": "customer",
                  "created": 123456789,
                  "email": "test@stripe.com",
                  "livemode": false,
                  "metadata": {}
                }
              },
              "livemode": false,
              "pending_webhooks": 1,
              "request": {
                "id": "req_123",
                "idempotency_key": "idempotency-key-123"
              },
              "type": "customer.created"
            }
            """;
    static final String KAT_V1 = "2220f87ef101a04665f11cdf770523143f875572008577fa0f20882ddb9cc3c7";
    static final String KAT_HEADER = "t=1533204620,v1=" + KAT_V1
            + ",v0=63f3a72374a733066c4be69ed7f8e5ac85c22c9f0a6a612ab9a025a9e4ee7eef";

    static final Masked<String> SECRET = Masked.of("whsec_paysaga_unit_test_secret");
    static final String BODY = "{\"id\":\"evt_1\",\"object\":\"event\"}";
    static final long T = 1_796_000_000L;
    static final Instant NOW = Instant.ofEpochSecond(T);

    @Test
    void theKnownAnswerFromStripesSdkIsReproducedAndAcceptedWithinTheTolerance() {
        Masked<String> secret = Masked.of(KAT_SECRET);

        assertEquals(KAT_V1, StripeSignature.v1(secret, KAT_T, KAT_PAYLOAD));
        var verdict = StripeSignature.verify(KAT_HEADER, KAT_PAYLOAD, secret, Instant.ofEpochSecond(KAT_T + 100));
        assertNull(verdict.refusal());
        assertEquals(KAT_V1, verdict.matched());
        // The SDK test's own negatives: outside 300 s, and the payload changed.
        assertEquals("expired", StripeSignature.verify(KAT_HEADER, KAT_PAYLOAD, secret,
                Instant.ofEpochSecond(KAT_T + 400)).refusal());
        assertEquals("bad_signature", StripeSignature.verify(KAT_HEADER, KAT_PAYLOAD + "this_changes_the_json", secret,
                Instant.ofEpochSecond(KAT_T + 100)).refusal());
    }

    static String v1(long t, String body) {
        return StripeSignature.v1(SECRET, t, body);
    }

    record Case(String name, String header, String body, String refusal) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> cases() {
        String good = v1(T, BODY);
        String other = StripeSignature.v1(Masked.of("whsec_someone_else"), T, BODY);
        return List.of(
                new Case("one v1", "t=" + T + ",v1=" + good, BODY, null),
                new Case("several v1, the last one right (a secret being rolled)",
                        "t=" + T + ",v1=" + other + ",v1=" + "0".repeat(64) + ",v1=" + good, BODY, null),
                new Case("v0 next to v1 is ignored", "t=" + T + ",v0=" + other + ",v1=" + good, BODY, null),
                new Case("spaces around items", "t=" + T + ", v1=" + good, BODY, null),
                new Case("exactly 300 s old", "t=" + (T - 300) + ",v1=" + v1(T - 300, BODY), BODY, null),
                new Case("301 s old", "t=" + (T - 301) + ",v1=" + v1(T - 301, BODY), BODY, "expired"),
                new Case("301 s in the future", "t=" + (T + 301) + ",v1=" + v1(T + 301, BODY), BODY, "expired"),
                new Case("another secret", "t=" + T + ",v1=" + other, BODY, "bad_signature"),
                new Case("body changed after signing", "t=" + T + ",v1=" + good, BODY.replace("evt_1", "evt_2"), "bad_signature"),
                new Case("t changed after signing", "t=" + (T + 1) + ",v1=" + good, BODY, "bad_signature"),
                new Case("upper-case hex", "t=" + T + ",v1=" + good.toUpperCase(), BODY, "bad_signature"),
                new Case("only v0, the right value", "t=" + T + ",v0=" + good, BODY, "malformed"),
                new Case("no t", "v1=" + good, BODY, "malformed"),
                new Case("t twice", "t=" + T + ",t=" + T + ",v1=" + good, BODY, "malformed"),
                new Case("t not a number", "t=abc,v1=" + good, BODY, "malformed"),
                new Case("an item without =", "t=" + T + ",v1", BODY, "malformed"),
                new Case("not the header at all", "i'm not even a real signature header", BODY, "malformed"),
                new Case("17 v1", "t=" + T + (",v1=" + other).repeat(16) + ",v1=" + good, BODY, "malformed"),
                new Case("empty", "", BODY, "unsigned"),
                new Case("absent", null, BODY, "unsigned"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theHeaderIsJudgedByItsRules(Case c) {
        var verdict = StripeSignature.verify(c.header(), c.body(), SECRET, NOW);

        assertEquals(c.refusal(), verdict.refusal());
        if (c.refusal() == null) {
            assertEquals(v1(StripeSignature.parse(c.header()).timestamp(), c.body()), verdict.matched());
        } else {
            assertNull(verdict.matched());
        }
    }

    @ParameterizedTest
    @CsvSource({"'t=1,v1=a,v1=b,v0=c', 1, 2", "'t=42,v1=x', 42, 1"})
    void parsingKeepsTheTimestampAndEveryV1(String header, long t, int v1s) {
        var parsed = StripeSignature.parse(header);
        assertEquals(t, parsed.timestamp());
        assertEquals(v1s, parsed.v1().size());
    }
}

package dev.paysaga.channel.unionpay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.paysaga.channel.domain.Masked;
import dev.paysaga.channel.testing.TestPki;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which signPubKeyCert may sign for UnionPay, and which notifications verify: tables of cases. */
class SignerCertificatesTest {
    static final TestPki PKI = new TestPki();
    static final SignerCertificates SIGNERS = new SignerCertificates(List.of(PKI.root.cert()), List.of(PKI.middle.cert()),
            TestPki.UNIONPAY);
    static final Instant NOW = Instant.now();

    static Stream<Arguments> certificates() {
        Instant longAgo = NOW.minus(Duration.ofDays(400));
        return Stream.of(
                Arguments.of("UnionPay's certificate through the middle CA", PKI.signer.pem(), null),
                Arguments.of("a self-signed impostor with UnionPay's CN",
                        TestPki.issue(TestPki.SIGNER_CN, null, false, NOW, Duration.ofDays(30)).pem(), "untrusted_certificate"),
                Arguments.of("an impostor CA's certificate with UnionPay's CN", TestPki.issue(TestPki.SIGNER_CN,
                        TestPki.issue("test UnionPay middle", null, true, NOW, Duration.ofDays(30)), false, NOW,
                        Duration.ofDays(30)).pem(), "untrusted_certificate"),
                Arguments.of("an expired certificate from the right CA",
                        TestPki.issue(TestPki.SIGNER_CN, PKI.middle, false, longAgo, Duration.ofDays(30)).pem(), "expired_certificate"),
                Arguments.of("a certificate not valid yet",
                        TestPki.issue(TestPki.SIGNER_CN, PKI.middle, false, NOW.plus(Duration.ofDays(2)), Duration.ofDays(30)).pem(),
                        "expired_certificate"),
                Arguments.of("the right CA's certificate for a merchant", PKI.merchant.pem(), "wrong_signer"),
                Arguments.of("a CN without the owner part",
                        TestPki.issue(TestPki.UNIONPAY, PKI.middle, false, NOW, Duration.ofDays(30)).pem(), "wrong_signer"),
                Arguments.of("not a certificate", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----", "malformed_certificate"),
                Arguments.of("no certificate", "", "unsigned"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("certificates")
    void certificateChecks(String description, String pem, String refusal) {
        SignerCertificates.Checked checked = SIGNERS.check(pem, NOW);
        assertEquals(refusal, checked.refusal(), description);
        if (refusal == null) {
            assertNotNull(checked.key());
        }
    }

    static Map<String, String> notification(TestPki.Issued signer) {
        Map<String, String> fields = new TreeMap<>();
        fields.put("version", "5.1.0");
        fields.put("encoding", "UTF-8");
        fields.put("signMethod", "01");
        fields.put("txnType", "01");
        fields.put("merId", "777290058110048");
        fields.put("orderId", "pay01KB6Z8Y3M0000000000000000");
        fields.put("txnAmt", "3000");
        fields.put("queryId", "202612011700000000001");
        fields.put("respCode", "00");
        fields.put("respMsg", "成功[0000000]");
        fields.put("signPubKeyCert", signer.pem());
        fields.put("signature", AcpSignatures.sign(fields, Masked.of(signer.keys().getPrivate())).reveal());
        return fields;
    }

    static Stream<Arguments> notifications() {
        return Stream.of(
                Arguments.of("genuine", (Consumer<Map<String, String>>) f -> { }, null),
                Arguments.of("amount changed", (Consumer<Map<String, String>>) f -> f.put("txnAmt", "1"), "bad_signature"),
                Arguments.of("a field added", (Consumer<Map<String, String>>) f -> f.put("reqReserved", "x"), "bad_signature"),
                Arguments.of("signature removed", (Consumer<Map<String, String>>) f -> f.remove("signature"), "unsigned"),
                Arguments.of("signature empty", (Consumer<Map<String, String>>) f -> f.put("signature", ""), "unsigned"),
                Arguments.of("signature not Base64", (Consumer<Map<String, String>>) f -> f.put("signature", "%%%"), "bad_signature"),
                Arguments.of("another trusted certificate swapped in",
                        (Consumer<Map<String, String>>) f -> f.put("signPubKeyCert",
                                TestPki.issue(TestPki.SIGNER_CN, PKI.middle, false, NOW, Duration.ofDays(30)).pem()),
                        "bad_signature"),
                Arguments.of("certificate removed", (Consumer<Map<String, String>>) f -> f.remove("signPubKeyCert"), "unsigned"),
                Arguments.of("another signMethod", (Consumer<Map<String, String>>) f -> f.put("signMethod", "11"),
                        "unsupported_sign_method"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notifications")
    void notificationVerification(String description, Consumer<Map<String, String>> change, String refusal) {
        Map<String, String> fields = notification(PKI.signer);
        change.accept(fields);
        assertEquals(refusal, AcpVerifier.refusal(fields, SIGNERS, NOW), description);
    }

    @Test
    void aRememberedCertificateIsStillRefusedOutsideItsPathsValidity() {
        SignerCertificates signers = new SignerCertificates(List.of(PKI.root.cert()), List.of(PKI.middle.cert()),
                TestPki.UNIONPAY);
        assertNull(signers.check(PKI.signer.pem(), NOW).refusal());
        assertNull(signers.check(PKI.signer.pem(), NOW.plus(Duration.ofDays(1))).refusal(), "remembered, still valid");
        assertEquals("expired_certificate", signers.check(PKI.signer.pem(), NOW.plus(Duration.ofDays(400))).refusal());
        assertEquals("expired_certificate", signers.check(PKI.signer.pem(), NOW.minus(Duration.ofDays(1))).refusal());
    }

    @Test
    void aForgerWithItsOwnChainIsNotBelieved() {
        TestPki forger = new TestPki();
        assertEquals("untrusted_certificate", AcpVerifier.refusal(notification(forger.signer), SIGNERS, NOW));
        assertNull(AcpVerifier.refusal(notification(PKI.signer), SIGNERS, NOW));
    }
}

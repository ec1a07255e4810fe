package dev.paysaga.channel.unionpay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paysaga.channel.crypto.PemKeys;
import dev.paysaga.channel.domain.Masked;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.KeyFactory;
import java.security.spec.RSAPublicKeySpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Known answers for signMethod 01. SHA-256 hex: FIPS 180-2's published "abc" vector. The request's signing string,
 * its digest and its SHA256withRSA signature were computed independently with coreutils and OpenSSL
 * ({@code printf '%s' "$S" | sha256sum}; {@code printf '%s' "$HEX" | openssl dgst -sha256 -sign
 * kat-only-test-private.pem | base64 -w0}) with a key made for this test only and used nowhere else. No UnionPay
 * published vector was found; none is claimed.
 */
class AcpSignaturesTest {
    static final String SIGNING_STRING = "accessType=0&bizType=000000&certId=68759585097&currencyCode=156&encoding=UTF-8"
            + "&merId=777290058110048&orderId=pay01KB6Z8Y3M0000000000000000&reqReserved=&signMethod=01&txnAmt=3000"
            + "&txnSubType=07&txnTime=20261201170000&txnType=01&version=5.1.0";
    static final String DIGEST_HEX = "43683f6bef0d93ce2848cb756bc2f21e92cdfba0f9dc0fd86d7c4699440d04b1";
    static final String SIGNATURE = "EGEPTZf2dZ0vic2b6ESV77/jpHBtfHBfCg4RagVIgTm90yJs5NkQ2sF9L4aNOS2g58P5Ol/uejWVz/He/YEjtgoA"
            + "aiQ1SZI1mSwnl0X9oWx5Kvw4y9pBmUOV4oz+J0hNfGyRC3YbvaxTpNEEQ3pSS/Ko6MEOZA4U0prX2YSRfOXrQwUIxzvpXdYVQ+bbLMohemEgvKDclF1+"
            + "EeohWGLkmmddAHKpcgCdIA+k/F8H3pFfC2HUGF5qUnCIppGUc++RXo7Rloh2U25P1xfZ8Pp9mYLKAwzYanEXsOYxH0OGF7BNkvGXG+bjuE/xnqzWy8l"
            + "znMN1UtJQ+uoV1NQKIcXMjg==";

    static Map<String, String> request() {
        Map<String, String> fields = new LinkedHashMap<>(); // deliberately unsorted
        fields.put("version", "5.1.0");
        fields.put("txnType", "01");
        fields.put("txnSubType", "07");
        fields.put("bizType", "000000");
        fields.put("signMethod", "01");
        fields.put("encoding", "UTF-8");
        fields.put("merId", "777290058110048");
        fields.put("orderId", "pay01KB6Z8Y3M0000000000000000");
        fields.put("txnTime", "20261201170000");
        fields.put("txnAmt", "3000");
        fields.put("currencyCode", "156");
        fields.put("accessType", "0");
        fields.put("certId", "68759585097");
        fields.put("reqReserved", "");
        fields.put("signature", "ignored: never part of what is signed");
        return fields;
    }

    static PrivateKey katKey() throws URISyntaxException {
        return PemKeys.privateKey(Path.of(AcpSignaturesTest.class.getResource("/unionpay/kat-only-test-private.pem").toURI()));
    }

    @Test
    void theSigningStringIsEveryFieldButSignatureSortedWithEmptyValuesKept() {
        assertEquals(SIGNING_STRING, AcpSignatures.signingString(request()));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "abc|ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
            "|e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"})
    void sha256IsLowercaseHex(String text, String hex) {
        assertEquals(hex, AcpSignatures.sha256Hex(text == null ? "" : text));
    }

    @Test
    void theRequestDigestIsKnown() {
        assertEquals(DIGEST_HEX, AcpSignatures.sha256Hex(SIGNING_STRING));
    }

    @Test
    void theSignatureIsSha256WithRsaOverTheHexDigestAndIsKnown() throws Exception {
        PrivateKey key = katKey();
        assertEquals(SIGNATURE, AcpSignatures.sign(request(), Masked.of(key)).reveal());
        RSAPrivateCrtKey crt = (RSAPrivateCrtKey) key;
        var publicKey = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
        Map<String, String> signed = new TreeMap<>(request());
        signed.put("signature", SIGNATURE);
        assertTrue(AcpSignatures.verify(signed, publicKey));
        signed.put("txnAmt", "3001");
        assertFalse(AcpSignatures.verify(signed, publicKey), "a changed field no longer verifies");
        signed.put("txnAmt", "3000");
        signed.remove("signature");
        assertFalse(AcpSignatures.verify(signed, publicKey), "no signature never verifies");
    }
}

package dev.paysaga.channel.wechatpay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.paysaga.channel.crypto.RsaSha256;
import dev.paysaga.channel.domain.Masked;
import dev.paysaga.channel.testing.TestKeys;
import java.security.KeyPair;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every way a signed answer or notification can fail, as rows: what was changed, what the verdict is. */
class WechatPayVerifierTest {
    private static final KeyPair PLATFORM = TestKeys.rsa2048();
    private static final KeyPair STRANGER = TestKeys.rsa2048();
    private static final String SERIAL = "PUB_KEY_ID_1";
    private static final long NOW = 1_764_000_000L;
    private static final String BODY = "{\"code_url\":\"weixin://wxpay/bizpayurl?pr=abc\"}";

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "OK", textBlock = """
            genuine                       | OK
            signed 299 s ago              | OK
            signed 299 s ahead            | OK
            signed 301 s ago              | expired
            signed 301 s ahead            | expired
            timestamp not a number        | expired
            body changed after signing    | bad_signature
            nonce changed after signing   | bad_signature
            signed by another key         | bad_signature
            signature garbled             | bad_signature
            another serial                | unknown_serial
            no signature                  | unsigned
            no nonce                      | unsigned
            no serial                     | unsigned
            """)
    void verdicts(String change, String expected) {
        long at = switch (change) {
            case "signed 299 s ago" -> NOW - 299;
            case "signed 299 s ahead" -> NOW + 299;
            case "signed 301 s ago" -> NOW - 301;
            case "signed 301 s ahead" -> NOW + 301;
            default -> NOW;
        };
        String timestamp = change.equals("timestamp not a number") ? "1764000000.0" : Long.toString(at);
        String nonce = "5K8264ILTKCH16CQ2502SI8ZNMTM67VS";
        var key = change.equals("signed by another key") ? STRANGER : PLATFORM;
        String signature = RsaSha256.sign(timestamp + "\n" + nonce + "\n" + BODY + "\n", Masked.of(key.getPrivate())).reveal();
        String body = BODY;
        String serial = SERIAL;
        switch (change) {
            case "body changed after signing" -> body = BODY.replace("abc", "abd");
            case "nonce changed after signing" -> nonce = "5K8264ILTKCH16CQ2502SI8ZNMTM67VT";
            case "signature garbled" -> signature = "AAAA" + signature.substring(4);
            case "another serial" -> serial = "PUB_KEY_ID_2";
            case "no signature" -> signature = null;
            case "no nonce" -> nonce = "";
            case "no serial" -> serial = null;
            default -> {
            }
        }
        var signed = new WechatPayVerifier.Signed(timestamp, nonce, signature, serial);

        assertEquals(expected, WechatPayVerifier.refusal(signed, body, PLATFORM.getPublic(), SERIAL,
                Instant.ofEpochSecond(NOW)));
    }
}

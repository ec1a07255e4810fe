package dev.paysaga.channel.wechatpay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.paysaga.channel.domain.Masked;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResourceCipherTest {
    /**
     * A known answer made outside this code base (Python's {@code cryptography} AESGCM) with a fixed key,
     * nonce and associated data, pinned here: WeChat Pay's layout, Base64 of ciphertext followed by the tag.
     */
    static final String KEY = "PaySagaKnownAnswerKey32Bytes0001";
    static final String NONCE = "fixedNonce12";
    static final String ASSOCIATED_DATA = "transaction";
    static final String CIPHERTEXT = "Y0P9a/Teb6+sKnq531DyYdseRy6SdCZ8rukFl1yEClffg5zoAyYwukDzGIWlk8oP/HMG0V+aqzyIaxa8kY0C"
            + "3DPumCgpBC/dhbvEGYUqj7qk+/PdbaSeNMDG6mRo41kSrule76S7B9G1f5ykXf340w/rJkibCYloLfp2+iwFGD++GCMRAQ==";
    static final String PLAINTEXT = "{\"mchid\":\"1900000109\",\"out_trade_no\":\"pay_01KATKNOWNANSWER000000000\","
            + "\"trade_state\":\"SUCCESS\",\"amount\":{\"total\":3000}}";

    @Test
    void decryptsTheKnownAnswer() {
        assertEquals(PLAINTEXT, ResourceCipher.decrypt(Masked.of(KEY), ASSOCIATED_DATA, NONCE, CIPHERTEXT));
        assertEquals(PLAINTEXT.length() + 16, Base64.getDecoder().decode(CIPHERTEXT).length, "ciphertext + 16-byte tag");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            other key               | PaySagaKnownAnswerKey32Bytes0002 | fixedNonce12 | transaction
            other nonce             | PaySagaKnownAnswerKey32Bytes0001 | fixedNonce13 | transaction
            other associated data   | PaySagaKnownAnswerKey32Bytes0001 | fixedNonce12 | refund
            key too short           | PaySagaKnownAnswerKey32Bytes001  | fixedNonce12 | transaction
            """)
    void anythingElseDoesNotAuthenticate(String name, String key, String nonce, String associatedData) {
        assertThrows(IllegalArgumentException.class,
                () -> ResourceCipher.decrypt(Masked.of(key), associatedData, nonce, CIPHERTEXT));
    }

    @Test
    void oneFlippedBitFailsTheTag() {
        byte[] bytes = Base64.getDecoder().decode(CIPHERTEXT);
        bytes[10] ^= 1;
        String tampered = Base64.getEncoder().encodeToString(bytes);
        assertThrows(IllegalArgumentException.class,
                () -> ResourceCipher.decrypt(Masked.of(KEY), ASSOCIATED_DATA, NONCE, tampered));
        assertThrows(IllegalArgumentException.class,
                () -> ResourceCipher.decrypt(Masked.of(KEY), ASSOCIATED_DATA, NONCE, "not base64!"));
    }
}

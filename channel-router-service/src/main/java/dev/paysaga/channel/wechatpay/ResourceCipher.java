package dev.paysaga.channel.wechatpay;

import dev.paysaga.channel.domain.Masked;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code AEAD_AES_256_GCM}, as WeChat Pay encrypts a notification's {@code resource}: the key is the
 * merchant's 32-character APIv3 key taken as its ASCII bytes, the nonce (12 characters) and the
 * associated data are the resource's own fields as UTF-8, and the ciphertext is Base64 of the encrypted
 * bytes followed by the 16-byte tag. A wrong key, nonce, associated data or any changed byte fails the tag.
 */
public final class ResourceCipher {
    public static final String ALGORITHM = "AEAD_AES_256_GCM";
    static final int KEY_LENGTH = 32;
    private static final int TAG_BITS = 128;

    private ResourceCipher() {
    }

    /** The plaintext; IllegalArgumentException when it does not authenticate or the inputs are malformed. */
    public static String decrypt(Masked<String> apiV3Key, String associatedData, String nonce, String ciphertextBase64) {
        byte[] key = apiV3Key.reveal().getBytes(StandardCharsets.US_ASCII);
        if (key.length != KEY_LENGTH) {
            throw new IllegalArgumentException("the APIv3 key must be 32 characters");
        }
        if (nonce == null || nonce.isEmpty() || ciphertextBase64 == null) {
            throw new IllegalArgumentException("nonce and ciphertext are required");
        }
        try {
            Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
            aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"),
                    new GCMParameterSpec(TAG_BITS, nonce.getBytes(StandardCharsets.UTF_8)));
            if (associatedData != null) {
                aes.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            }
            return new String(aes.doFinal(Base64.getDecoder().decode(ciphertextBase64)), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the resource does not authenticate");
        }
    }
}

package dev.paysaga.channel.crypto;

import dev.paysaga.channel.domain.Masked;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;

/**
 * SHA256withRSA (PKCS#1 v1.5) over UTF-8 text with a Base64 signature: the primitive under both Alipay's
 * RSA2 and WeChat Pay's {@code WECHATPAY2-SHA256-RSA2048}. What text is signed is each channel's business.
 */
public final class RsaSha256 {
    public static final String ALGORITHM = "SHA256withRSA";

    private RsaSha256() {
    }

    public static Masked<String> sign(String content, Masked<PrivateKey> key) {
        try {
            Signature rsa = Signature.getInstance(ALGORITHM);
            rsa.initSign(key.reveal());
            rsa.update(content.getBytes(StandardCharsets.UTF_8));
            return Masked.of(Base64.getEncoder().encodeToString(rsa.sign()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with the configured key", e);
        }
    }

    /** True only for a well-formed Base64 signature of {@code content} by the holder of {@code key}; never throws. */
    public static boolean verify(String content, String signature, PublicKey key) {
        if (content == null || signature == null || signature.isEmpty() || key == null) {
            return false;
        }
        try {
            Signature rsa = Signature.getInstance(ALGORITHM);
            rsa.initVerify(key);
            rsa.update(content.getBytes(StandardCharsets.UTF_8));
            return rsa.verify(Base64.getMimeDecoder().decode(signature));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return false;
        }
    }
}

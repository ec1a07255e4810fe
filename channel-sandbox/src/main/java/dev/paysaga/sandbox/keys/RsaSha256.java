package dev.paysaga.sandbox.keys;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;

/**
 * SHA256withRSA over UTF-8 text, Base64 (standard alphabet) on the wire: the primitive under Alipay's RSA2 and
 * WeChat Pay's WECHATPAY2-SHA256-RSA2048. What text is signed is each channel's business.
 */
public final class RsaSha256 {
    static final String ALGORITHM = "SHA256withRSA";

    private RsaSha256() {
    }

    public static String sign(String content, PrivateKey key) {
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initSign(key);
            signature.update(content.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with " + ALGORITHM, e);
        }
    }

    /** False for a wrong, malformed or empty signature; never throws for bad input. */
    public static boolean verify(String content, String signBase64, PublicKey key) {
        if (content == null || signBase64 == null || signBase64.isEmpty()) {
            return false;
        }
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initVerify(key);
            signature.update(content.getBytes(StandardCharsets.UTF_8));
            return signature.verify(Base64.getDecoder().decode(signBase64));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return false;
        }
    }

    /** A well-formed signature by a key nobody trusts, for the admin API's forged notifications. */
    public static String signAsForger(String content) {
        return sign(content, Forger.KEY);
    }

    /** Made on first use only: RSA key generation costs a noticeable moment. */
    private static final class Forger {
        static final PrivateKey KEY = freshKey();

        private static PrivateKey freshKey() {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                return generator.generateKeyPair().getPrivate();
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}

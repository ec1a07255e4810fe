package dev.paysaga.sandbox.alipay;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * Alipay OpenAPI RSA2 signatures: SHA256withRSA over UTF-8 text, Base64 (standard alphabet) on the wire.
 *
 * <p>What is signed differs by direction:
 * <ul>
 *   <li>request: every non-empty parameter except {@code sign}, as {@code k=v} joined by {@code &} in ASCII
 *       order of the keys, values raw (not URL-encoded); {@code sign_type} is included;</li>
 *   <li>asynchronous notification: the same, but without {@code sign} and without {@code sign_type};</li>
 *   <li>response: the exact JSON text of the {@code <method>_response} object.</li>
 * </ul>
 */
public final class AlipaySignatures {
    static final String ALGORITHM = "SHA256withRSA";

    private AlipaySignatures() {
    }

    public static String requestContent(Map<String, String> params) {
        return content(params, Set.of("sign"));
    }

    public static String notificationContent(Map<String, String> params) {
        return content(params, Set.of("sign", "sign_type"));
    }

    static String content(Map<String, String> params, Set<String> excluded) {
        StringJoiner content = new StringJoiner("&");
        // String order is UTF-16 code unit order: ASCII order for Alipay's ASCII parameter names.
        new TreeMap<>(params).forEach((key, value) -> {
            if (!excluded.contains(key) && value != null && !value.isEmpty()) {
                content.add(key + "=" + value);
            }
        });
        return content.toString();
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
        if (signBase64 == null || signBase64.isEmpty()) {
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
}

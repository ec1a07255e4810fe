package dev.paysaga.sandbox.alipay;

import dev.paysaga.sandbox.keys.RsaSha256;
import java.security.PrivateKey;
import java.security.PublicKey;
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
        return RsaSha256.sign(content, key);
    }

    /** False for a wrong, malformed or empty signature; never throws for bad input. */
    public static boolean verify(String content, String signBase64, PublicKey key) {
        return RsaSha256.verify(content, signBase64, key);
    }
}

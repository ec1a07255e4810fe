package dev.paysaga.channel.alipay;

import dev.paysaga.channel.crypto.RsaSha256;
import dev.paysaga.channel.domain.Masked;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Alipay OpenAPI RSA2: SHA256withRSA (PKCS#1 v1.5) over the parameters sorted by name in ASCII
 * order, joined as {@code k=v&k=v}, empty values left out; the signature is Base64.
 * <ul>
 * <li>A request signs every parameter but {@code sign} ({@code sign_type} included).</li>
 * <li>An asynchronous notification is verified over every parameter but {@code sign} and {@code sign_type}.</li>
 * <li>A synchronous response is verified over the exact text of its {@code <method>_response}
 * object ({@link AlipayResponses}).</li>
 * </ul>
 * Values are the raw (decoded) values, never URL-encoded.
 */
public final class AlipaySignatures {
    public static final String ALGORITHM = RsaSha256.ALGORITHM;
    public static final Set<String> REQUEST_EXCLUDED = Set.of("sign");
    public static final Set<String> NOTIFICATION_EXCLUDED = Set.of("sign", "sign_type");

    private AlipaySignatures() {
    }

    /** The string to sign: non-empty parameters except {@code excluded}, sorted by name, {@code k=v} joined by {@code &}. */
    public static String content(Map<String, String> params, Set<String> excluded) {
        // String order is UTF-16 code-unit order, which is ASCII order for Alipay's ASCII names.
        return new TreeMap<>(params).entrySet().stream()
                .filter(e -> !excluded.contains(e.getKey()))
                .filter(e -> e.getValue() != null && !e.getValue().isEmpty())
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("&"));
    }

    public static Masked<String> sign(String content, Masked<PrivateKey> key) {
        return RsaSha256.sign(content, key);
    }

    /** True only for a well-formed Base64 signature of {@code content} by the holder of {@code key}. */
    public static boolean verify(String content, String signature, PublicKey key) {
        return RsaSha256.verify(content, signature, key);
    }
}

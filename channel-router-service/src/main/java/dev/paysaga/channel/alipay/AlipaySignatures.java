package dev.paysaga.channel.alipay;

import dev.paysaga.channel.domain.Masked;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
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
    public static final String ALGORITHM = "SHA256withRSA";
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
        try {
            Signature rsa = Signature.getInstance(ALGORITHM);
            rsa.initSign(key.reveal());
            rsa.update(content.getBytes(StandardCharsets.UTF_8));
            return Masked.of(Base64.getEncoder().encodeToString(rsa.sign()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with the configured key", e);
        }
    }

    /** True only for a well-formed Base64 signature of {@code content} by the holder of {@code key}. */
    public static boolean verify(String content, String signature, PublicKey key) {
        if (content == null || signature == null || signature.isEmpty()) {
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

package dev.paysaga.sandbox.unionpay;

import dev.paysaga.sandbox.keys.RsaSha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * UnionPay ACP 5.1.0, signMethod 01: every field but {@code signature}, sorted by name, joined {@code k=v&k=v}
 * (empty values included, as the SDK's {@code coverMap2String}), then SHA-256 as a lowercase hex string, then
 * SHA256withRSA over that hex text's bytes, Base64. Written independently of the router's code.
 */
final class AcpSignatures {
    static final String SIGNATURE = "signature";

    private AcpSignatures() {
    }

    static String signingString(Map<String, String> fields) {
        return new TreeMap<>(fields).entrySet().stream()
                .filter(e -> !SIGNATURE.equals(e.getKey()))
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("&"));
    }

    static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sign(Map<String, String> fields, PrivateKey key) {
        return RsaSha256.sign(sha256Hex(signingString(fields)), key);
    }

    static String signAsForger(Map<String, String> fields) {
        return RsaSha256.signAsForger(sha256Hex(signingString(fields)));
    }

    static boolean verify(Map<String, String> fields, PublicKey key) {
        return RsaSha256.verify(sha256Hex(signingString(fields)), fields.get(SIGNATURE), key);
    }
}

package dev.paysaga.channel.unionpay;

import dev.paysaga.channel.crypto.RsaSha256;
import dev.paysaga.channel.domain.Masked;
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
 * UnionPay ACP 5.1.0 signMethod 01, as UnionPay's SDK does it ({@code SDKUtil.coverMap2String},
 * {@code SecureUtil.sha256X16}, {@code signBySoft256}):
 * <ol>
 * <li>the signing string: every field but {@code signature}, sorted by name (ASCII order), joined {@code k=v&k=v};
 * values are the raw (decoded) ones and empty values stay in — the SDK drops blank fields from a request before
 * signing it ({@code filterBlank}), so our requests never carry one, but an answer or notification is verified
 * over exactly the fields it has;</li>
 * <li>SHA-256 of its UTF-8 bytes as 64 lowercase hex characters;</li>
 * <li>SHA256withRSA (PKCS#1 v1.5) over the hex text's bytes, Base64.</li>
 * </ol>
 * {@code signPubKeyCert} (in answers and notifications) and {@code certId} (in requests) are ordinary signed fields.
 */
public final class AcpSignatures {
    public static final String SIGNATURE = "signature";

    private AcpSignatures() {
    }

    public static String signingString(Map<String, String> fields) {
        // String order is UTF-16 code-unit order, which is ASCII order for ACP's ASCII field names.
        return new TreeMap<>(fields).entrySet().stream()
                .filter(e -> !SIGNATURE.equals(e.getKey()))
                .map(e -> e.getKey() + "=" + (e.getValue() == null ? "" : e.getValue()))
                .collect(Collectors.joining("&"));
    }

    public static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The Base64 {@code signature} of these fields (any {@code signature} among them is ignored). */
    public static Masked<String> sign(Map<String, String> fields, Masked<PrivateKey> key) {
        return RsaSha256.sign(sha256Hex(signingString(fields)), key);
    }

    /** True only when {@code signature} is present and verifies over the other fields with {@code key}. */
    public static boolean verify(Map<String, String> fields, PublicKey key) {
        return RsaSha256.verify(sha256Hex(signingString(fields)), fields.get(SIGNATURE), key);
    }
}

package dev.paysaga.sandbox.stripe;

import dev.paysaga.sandbox.keys.PemFiles;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The two secrets the sandbox plays Stripe with, read once at startup from {@code paysaga.sandbox.keys-dir}:
 * the account's secret API key ({@code stripe-secret.key}), which every request must present, and the webhook
 * endpoint's signing secret ({@code stripe-webhook.secret}), which signs every webhook delivery.
 *
 * <p>Secrets never leave this class: callers get yes/no answers and signatures; {@link #toString()} names files only.
 */
@Startup
@ApplicationScoped
public class StripeKeys {
    static final String SECRET_KEY = "stripe-secret.key";
    static final String WEBHOOK_SECRET = "stripe-webhook.secret";

    private final Path dir;
    private final byte[] secretKey;
    private final String webhookSecret;
    /** Signs forged webhooks: a secret the merchant cannot know, made fresh at every start. */
    private final String forgerSecret;

    public StripeKeys(@ConfigProperty(name = "paysaga.sandbox.keys-dir") Path dir) {
        this.dir = dir.toAbsolutePath();
        String key = PemFiles.secret(this.dir.resolve(SECRET_KEY));
        if (!key.startsWith("sk_test_")) {
            throw new IllegalStateException(this.dir.resolve(SECRET_KEY) + " must hold a test secret key (sk_test_…)");
        }
        this.secretKey = key.getBytes(StandardCharsets.UTF_8);
        this.webhookSecret = PemFiles.secret(this.dir.resolve(WEBHOOK_SECRET));
        if (!webhookSecret.startsWith("whsec_")) {
            throw new IllegalStateException(this.dir.resolve(WEBHOOK_SECRET) + " must hold a signing secret (whsec_…)");
        }
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        this.forgerSecret = "whsec_forger_" + HexFormat.of().formatHex(random);
    }

    /** Whether the presented key is the account's secret key; constant time, so timing tells nothing about it. */
    boolean isSecretKey(String presented) {
        return presented != null && MessageDigest.isEqual(secretKey, presented.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code v1}: hex HMAC-SHA256 with the signing secret over {@code "<t>.<payload>"}. */
    String sign(long timestamp, String payload) {
        return hmacHex(webhookSecret, timestamp + "." + payload);
    }

    /** The same scheme with a secret the merchant does not hold. */
    String signAsForger(long timestamp, String payload) {
        return hmacHex(forgerSecret, timestamp + "." + payload);
    }

    static String hmacHex(String secret, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    @Override
    public String toString() {
        return "StripeKeys[" + dir + ": " + SECRET_KEY + ", " + WEBHOOK_SECRET + "]";
    }
}

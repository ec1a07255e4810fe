package dev.paysaga.sandbox.stripe;

import static io.restassured.RestAssured.given;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The merchant's side of Stripe's API, written from Stripe's documentation and independent of the sandbox's code:
 * form-encoded POSTs with the secret key as a Bearer token and an Idempotency-Key, and the webhook signature check
 * ({@code t=…,v1=HMAC-SHA256(secret, "t.body")}).
 */
final class StripeMerchant {
    final String secretKey;
    final String webhookSecret;

    StripeMerchant() {
        Path dir = Path.of(ConfigProvider.getConfig().getValue("paysaga.sandbox.keys-dir", String.class));
        try {
            secretKey = Files.readString(dir.resolve("stripe-secret.key")).strip();
            webhookSecret = Files.readString(dir.resolve("stripe-webhook.secret")).strip();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    RequestSpecification authorized() {
        return given().header("Authorization", "Bearer " + secretKey);
    }

    Response post(String path, String form) {
        return post(path, form, UUID.randomUUID().toString());
    }

    Response post(String path, String form, String idempotencyKey) {
        return authorized().header("Idempotency-Key", idempotencyKey).contentType("application/x-www-form-urlencoded; charset=utf-8")
                .body(form).post(path);
    }

    Response get(String path) {
        return authorized().get(path);
    }

    /** Creates an intent for {@code amount} usd; confirmed at once with {@code paymentMethod} unless null. */
    Response create(long amount, String paymentMethod) {
        String form = "amount=" + amount + "&currency=usd&capture_method=manual&metadata%5Bpayment_id%5D=pay_test"
                + (paymentMethod == null ? "" : "&confirm=true&payment_method=" + paymentMethod);
        return post("/v1/payment_intents", form);
    }

    /** Stripe's check: the header's t and every v1; true if one v1 is the HMAC of "t.body". */
    boolean signedByStripe(String header, String body) {
        if (header == null) {
            return false;
        }
        String t = null;
        java.util.List<String> v1 = new java.util.ArrayList<>();
        for (String part : header.split(",")) {
            if (part.startsWith("t=")) {
                t = part.substring(2);
            } else if (part.startsWith("v1=")) {
                v1.add(part.substring(3));
            }
        }
        if (t == null) {
            return false;
        }
        String expected = hmac(webhookSecret, t + "." + body);
        return v1.stream().anyMatch(expected::equals);
    }

    static String hmac(String secret, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

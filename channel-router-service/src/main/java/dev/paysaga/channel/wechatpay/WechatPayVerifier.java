package dev.paysaga.channel.wechatpay;

import dev.paysaga.channel.crypto.RsaSha256;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;

/**
 * Checks what WeChat Pay signs — every API response and every notification — before anything in it is
 * believed: the {@code Wechatpay-Serial} must name the platform key we trust, {@code Wechatpay-Timestamp}
 * must be within five minutes of our clock (an old capture cannot be replayed later), and
 * {@code Wechatpay-Signature} must verify over {@code TIMESTAMP\nNONCE\nBODY\n} with that key.
 */
public final class WechatPayVerifier {
    public static final String TIMESTAMP = "Wechatpay-Timestamp";
    public static final String NONCE = "Wechatpay-Nonce";
    public static final String SIGNATURE = "Wechatpay-Signature";
    public static final String SERIAL = "Wechatpay-Serial";
    public static final Duration WINDOW = Duration.ofMinutes(5);
    private static final int MAX_NONCE_LENGTH = 64;

    private WechatPayVerifier() {
    }

    /** The signed headers of one message; {@code nonce} is what a replay check keys on. */
    public record Signed(String timestamp, String nonce, String signature, String serial) {
        static Signed from(Function<String, String> header) {
            return new Signed(header.apply(TIMESTAMP), header.apply(NONCE), header.apply(SIGNATURE), header.apply(SERIAL));
        }
    }

    /**
     * Null if the message is genuine and fresh, else the reason it is not: {@code unsigned},
     * {@code unknown_serial}, {@code expired}, {@code bad_signature}.
     */
    public static String refusal(Signed signed, String body, PublicKey platformKey, String platformSerial, Instant now) {
        if (blank(signed.timestamp()) || blank(signed.nonce()) || blank(signed.signature()) || blank(signed.serial())
                || signed.nonce().length() > MAX_NONCE_LENGTH) {
            return "unsigned";
        }
        if (!platformSerial.equals(signed.serial())) {
            return "unknown_serial";
        }
        long seconds;
        try {
            seconds = Long.parseLong(signed.timestamp());
        } catch (NumberFormatException e) {
            return "expired";
        }
        if (Math.abs(now.getEpochSecond() - seconds) > WINDOW.toSeconds()) {
            return "expired";
        }
        String message = WechatPaySignatures.responseMessage(signed.timestamp(), signed.nonce(), body);
        return RsaSha256.verify(message, signed.signature(), platformKey) ? null : "bad_signature";
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}

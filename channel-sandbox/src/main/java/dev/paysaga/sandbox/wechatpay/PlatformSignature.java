package dev.paysaga.sandbox.wechatpay;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How WeChat Pay signs what it sends — API answers and notification deliveries alike: SHA256withRSA with
 * the platform key over {@code TIMESTAMP\nNONCE\nBODY\n}, in the headers {@code Wechatpay-Timestamp},
 * {@code Wechatpay-Nonce}, {@code Wechatpay-Signature} and {@code Wechatpay-Serial} (which key signed).
 */
@ApplicationScoped
public class PlatformSignature {
    private final WechatPayKeys keys;
    private final String platformSerial;

    public PlatformSignature(WechatPayKeys keys,
            @ConfigProperty(name = "paysaga.sandbox.wechatpay.platform-serial") String platformSerial) {
        this.keys = keys;
        this.platformSerial = platformSerial;
    }

    /** Fresh timestamp and nonce, signed now; {@code forge}: signed by a key the merchant does not trust. */
    Map<String, String> headers(String body, boolean forge) {
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        byte[] random = new byte[16];
        ThreadLocalRandom.current().nextBytes(random);
        String nonce = HexFormat.of().withUpperCase().formatHex(random);
        String message = timestamp + "\n" + nonce + "\n" + body + "\n";
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Wechatpay-Timestamp", timestamp);
        headers.put("Wechatpay-Nonce", nonce);
        headers.put("Wechatpay-Signature", forge ? keys.signAsForger(message) : keys.signAsPlatform(message));
        headers.put("Wechatpay-Serial", platformSerial);
        headers.put("Wechatpay-Signature-Type", "WECHATPAY2-SHA256-RSA2048");
        return headers;
    }
}

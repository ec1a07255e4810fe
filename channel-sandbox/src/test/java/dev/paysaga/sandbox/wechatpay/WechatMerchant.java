package dev.paysaga.sandbox.wechatpay;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The merchant's side of WeChat Pay API v3, written from WeChat Pay's documentation and independent of the
 * sandbox's code (JDK crypto only): signs requests with the merchant key, verifies answers and notifications
 * with the platform key, decrypts resources with the APIv3 key.
 */
final class WechatMerchant {
    static final String MCHID = "1900000109";
    static final String APPID = "wxd678efh567hg6787";
    static final String SERIAL = "5157F09EFDC096DE15EBE81A47057A7232F1B8E1";
    static final String PLATFORM_SERIAL = "PUB_KEY_ID_0119000001092026112500000000000001";
    final PrivateKey merchantPrivate;
    final PublicKey platformPublic;
    final String apiV3Key;

    WechatMerchant() {
        Path dir = Path.of(ConfigProvider.getConfig().getValue("paysaga.sandbox.keys-dir", String.class));
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            merchantPrivate = rsa.generatePrivate(new PKCS8EncodedKeySpec(der(dir.resolve("wechatpay-merchant-private.pem"))));
            platformPublic = rsa.generatePublic(new X509EncodedKeySpec(der(dir.resolve("wechatpay-platform-public.pem"))));
            apiV3Key = Files.readString(dir.resolve("wechatpay-apiv3.key")).strip();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String nativeBody(String outTradeNo, long total) {
        return "{\"appid\":\"" + APPID + "\",\"mchid\":\"" + MCHID + "\",\"description\":\"2 × latte\",\"out_trade_no\":\""
                + outTradeNo + "\",\"notify_url\":\"%s\",\"amount\":{\"total\":" + total + ",\"currency\":\"CNY\"}}";
    }

    String authorization(String method, String pathAndQuery, String body, long timestamp, PrivateKey key) {
        String nonce = UUID.randomUUID().toString().replace("-", "").toUpperCase();
        String message = method + "\n" + pathAndQuery + "\n" + timestamp + "\n" + nonce + "\n" + body + "\n";
        return "WECHATPAY2-SHA256-RSA2048 mchid=\"" + MCHID + "\",nonce_str=\"" + nonce + "\",signature=\""
                + sign(message, key) + "\",timestamp=\"" + timestamp + "\",serial_no=\"" + SERIAL + "\"";
    }

    String authorization(String method, String pathAndQuery, String body) {
        return authorization(method, pathAndQuery, body, Instant.now().getEpochSecond(), merchantPrivate);
    }

    Response post(String path, String body) {
        return send("POST", path, body, authorization("POST", path, body));
    }

    Response get(String pathAndQuery) {
        return send("GET", pathAndQuery, "", authorization("GET", pathAndQuery, ""));
    }

    static Response send(String method, String pathAndQuery, String body, String authorization) {
        var request = given().urlEncodingEnabled(false).header("Accept", "application/json");
        if (authorization != null) {
            request = request.header("Authorization", authorization);
        }
        if (method.equals("GET")) {
            return request.get(pathAndQuery);
        }
        return request.contentType("application/json").body(body.getBytes(StandardCharsets.UTF_8)).post(pathAndQuery);
    }

    /** Asserts the answer carries a platform signature that verifies over its exact body. */
    void assertSignedByWechatPay(Response response) {
        assertTrue(signedByWechatPay(Map.of(
                "Wechatpay-Timestamp", String.valueOf(response.header("Wechatpay-Timestamp")),
                "Wechatpay-Nonce", String.valueOf(response.header("Wechatpay-Nonce")),
                "Wechatpay-Signature", String.valueOf(response.header("Wechatpay-Signature")),
                "Wechatpay-Serial", String.valueOf(response.header("Wechatpay-Serial"))), response.asString()),
                "answer not signed by the platform key: " + response.statusCode() + " " + response.asString());
    }

    boolean signedByWechatPay(Map<String, String> headers, String body) {
        if (!PLATFORM_SERIAL.equals(headers.get("Wechatpay-Serial"))) {
            return false;
        }
        String message = headers.get("Wechatpay-Timestamp") + "\n" + headers.get("Wechatpay-Nonce") + "\n" + body + "\n";
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initVerify(platformPublic);
            rsa.update(message.getBytes(StandardCharsets.UTF_8));
            return rsa.verify(Base64.getDecoder().decode(headers.get("Wechatpay-Signature")));
        } catch (Exception e) {
            return false;
        }
    }

    String decrypt(String associatedData, String nonce, String ciphertext) {
        try {
            Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
            aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(apiV3Key.getBytes(StandardCharsets.US_ASCII), "AES"),
                    new GCMParameterSpec(128, nonce.getBytes(StandardCharsets.UTF_8)));
            aes.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            return new String(aes.doFinal(Base64.getDecoder().decode(ciphertext)), StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String sign(String message, PrivateKey key) {
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update(message.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(rsa.sign());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] der(Path pem) throws java.io.IOException {
        String text = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(text);
    }
}

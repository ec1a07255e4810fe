package dev.paysaga.sandbox.alipay;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.path.json.JsonPath;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The merchant's side of the protocol, written from Alipay's documentation and independent of the sandbox's
 * code (JDK crypto only): signs requests with the app private key, verifies answers and notifications with the
 * platform public key.
 */
final class Merchant {
    static final String APP_ID = "2021000000000001";
    final PrivateKey appPrivate;
    final PublicKey platformPublic;

    Merchant() {
        Path dir = Path.of(ConfigProvider.getConfig().getValue("paysaga.sandbox.keys-dir", String.class));
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            appPrivate = rsa.generatePrivate(new PKCS8EncodedKeySpec(der(dir.resolve("alipay-app-private.pem"))));
            platformPublic = rsa.generatePublic(new X509EncodedKeySpec(der(dir.resolve("alipay-platform-public.pem"))));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Common parameters + biz_content (+ extra), signed over all non-empty parameters but sign. */
    Map<String, String> signed(String method, String bizContent, Map<String, String> extra) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("app_id", APP_ID);
        params.put("method", method);
        params.put("format", "JSON");
        params.put("charset", "utf-8");
        params.put("sign_type", "RSA2");
        params.put("timestamp", LocalDateTime.now(ZoneId.of("Asia/Shanghai")).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")));
        params.put("version", "1.0");
        params.put("biz_content", bizContent);
        params.putAll(extra);
        return resign(params);
    }

    Map<String, String> resign(Map<String, String> params) {
        Map<String, String> signed = new LinkedHashMap<>(params);
        signed.remove("sign");
        signed.put("sign", sign(canonical(signed, "sign")));
        return signed;
    }

    static String canonical(Map<String, String> params, String... excluded) {
        Map<String, String> sorted = new TreeMap<>(params);
        for (String name : excluded) {
            sorted.remove(name);
        }
        return sorted.entrySet().stream().filter(e -> e.getValue() != null && !e.getValue().isEmpty())
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("&"));
    }

    String sign(String content) {
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(appPrivate);
            signature.update(content.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    boolean signedByAlipay(String content, String sign) {
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initVerify(platformPublic);
            signature.update(content.getBytes(StandardCharsets.UTF_8));
            return signature.verify(Base64.getDecoder().decode(sign));
        } catch (Exception e) {
            return false;
        }
    }

    /** A notification verifies over all its non-empty fields but sign and sign_type. */
    boolean notificationSignedByAlipay(Map<String, String> notification) {
        return signedByAlipay(canonical(notification, "sign", "sign_type"), notification.get("sign"));
    }

    static String form(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    static String post(Map<String, String> params) {
        return given().contentType("application/x-www-form-urlencoded; charset=utf-8").body(form(params))
                .post("/alipay/gateway.do")
                .then().statusCode(200).extract().asString();
    }

    /** The response object of a signed answer, after checking the sign over its exact JSON text. */
    JsonPath verifiedResponse(String body, String method) {
        String prefix = "{\"" + method.replace('.', '_') + "_response\":";
        assertTrue(body.startsWith(prefix), body);
        int signAt = body.lastIndexOf(",\"sign\":\"");
        assertTrue(signAt > 0, "answer is not signed: " + body);
        String object = body.substring(prefix.length(), signAt);
        String sign = body.substring(signAt + ",\"sign\":\"".length(), body.length() - "\"}".length());
        assertTrue(signedByAlipay(object, sign), "answer's sign does not verify: " + body);
        return new JsonPath(object);
    }

    /** Signs, posts, verifies: the response object. */
    JsonPath call(String method, String bizContent) {
        return call(method, bizContent, Map.of());
    }

    JsonPath call(String method, String bizContent, Map<String, String> extra) {
        return verifiedResponse(post(signed(method, bizContent, extra)), method);
    }

    private static byte[] der(Path pem) throws java.io.IOException {
        String text = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(text);
    }
}

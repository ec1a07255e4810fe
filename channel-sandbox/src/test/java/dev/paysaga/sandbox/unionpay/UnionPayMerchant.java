package dev.paysaga.sandbox.unionpay;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The merchant's side of UnionPay ACP 5.1.0, written from the SDK's documented behaviour and independent of the
 * sandbox's code (JDK only): signs requests with the merchant key (certId = its certificate's serial), posts
 * them, and reads answers and notifications, checking signPubKeyCert against the test root and middle CA.
 */
final class UnionPayMerchant {
    static final String MER_ID = "777290058110048";
    final PrivateKey key;
    final String certId;
    final X509Certificate root;
    final X509Certificate middle;

    UnionPayMerchant() {
        Path dir = Path.of(ConfigProvider.getConfig().getValue("paysaga.sandbox.keys-dir", String.class));
        try {
            String pem = Files.readString(dir.resolve("unionpay-merchant-private.pem"));
            byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
            key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
            certId = cert(Files.readString(dir.resolve("unionpay-merchant-cert.pem"))).getSerialNumber().toString();
            root = cert(Files.readString(dir.resolve("unionpay-root-ca.pem")));
            middle = cert(Files.readString(dir.resolve("unionpay-middle-ca.pem")));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String newOrderId() {
        return "pay" + UUID.randomUUID().toString().replace("-", "").substring(0, 26).toUpperCase();
    }

    static String now() {
        return LocalDateTime.now(ZoneId.of("Asia/Shanghai")).format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss"));
    }

    /** The common fields of a QR consume, unsigned. */
    static Map<String, String> consume(String orderId, long fen, String backUrl) {
        Map<String, String> f = common("01", "07", orderId, backUrl);
        f.put("txnAmt", Long.toString(fen));
        f.put("currencyCode", "156");
        return f;
    }

    static Map<String, String> query(String orderId, String txnTime) {
        Map<String, String> f = common("00", "00", orderId, null);
        f.put("txnTime", txnTime);
        return f;
    }

    static Map<String, String> undoOrRefund(String txnType, String origQryId, long fen, String backUrl) {
        Map<String, String> f = common(txnType, "00", newOrderId(), backUrl);
        f.put("origQryId", origQryId);
        f.put("txnAmt", Long.toString(fen));
        f.put("currencyCode", "156");
        return f;
    }

    private static Map<String, String> common(String txnType, String txnSubType, String orderId, String backUrl) {
        Map<String, String> f = new HashMap<>();
        f.put("version", "5.1.0");
        f.put("encoding", "UTF-8");
        f.put("signMethod", "01");
        f.put("txnType", txnType);
        f.put("txnSubType", txnSubType);
        f.put("bizType", "000000");
        f.put("channelType", "08");
        f.put("accessType", "0");
        f.put("merId", MER_ID);
        f.put("orderId", orderId);
        f.put("txnTime", now());
        if (backUrl != null) {
            f.put("backUrl", backUrl);
        }
        return f;
    }

    Map<String, String> signed(Map<String, String> fields) {
        Map<String, String> signed = new TreeMap<>(fields);
        signed.put("certId", certId);
        signed.put("signature", sign(signed, key));
        return signed;
    }

    static String sign(Map<String, String> fields, PrivateKey key) {
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update(digestHex(fields).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(rsa.sign());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String digestHex(Map<String, String> fields) throws Exception {
        String text = new TreeMap<>(fields).entrySet().stream().filter(e -> !e.getKey().equals("signature"))
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("&"));
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** POSTs the form to the gateway path and parses the k=v answer (values are raw; the PEM holds no '&'). */
    Map<String, String> post(String path, Map<String, String> form) {
        String body = given().contentType("application/x-www-form-urlencoded; charset=UTF-8").formParams(form)
                .post("/gateway/api/" + path).then().statusCode(200).extract().asString();
        return parse(body);
    }

    static Map<String, String> parse(String body) {
        Map<String, String> fields = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            fields.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return fields;
    }

    /** Signed by a certificate chaining to the test root through the middle CA, whose key verifies the fields. */
    void assertSignedByUnionPay(Map<String, String> fields) {
        try {
            X509Certificate signer = cert(fields.get("signPubKeyCert"));
            var path = CertificateFactory.getInstance("X.509").generateCertPath(List.of(signer, middle));
            PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
            params.setRevocationEnabled(false);
            CertPathValidator.getInstance("PKIX").validate(path, params);
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initVerify(signer.getPublicKey());
            rsa.update(digestHex(fields).getBytes(StandardCharsets.UTF_8));
            assertTrue(rsa.verify(Base64.getDecoder().decode(fields.get("signature"))), "UnionPay's signature verifies");
        } catch (Exception e) {
            throw new AssertionError("not signed by UnionPay: " + e, e);
        }
    }

    static X509Certificate cert(String pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }
}

package dev.paysaga.channel.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * Plays UnionPay's ACP 5.1.0 gateway for the tests with a {@link TestPki}: verifies each request's certId and
 * signature with the merchant certificate (11 otherwise) and signs every answer with UnionPay's signing key and
 * signPubKeyCert. Its signing code is written independently of the service's. Behaviour is scripted per orderId.
 */
public final class FakeUnionPayGateway {
    public static final String MER_ID = "777290058110048";

    public enum Mode {
        NORMAL, DECLINE, HTTP_500, UNSIGNED, WRONG_SIGNATURE, UNTRUSTED_CERTIFICATE
    }

    public record Call(String path, Map<String, String> fields, boolean signatureValid) {
    }

    private final HttpServer server;
    private final TestPki pki;
    private final TestPki.Issued impostor = TestPki.issue(TestPki.SIGNER_CN, null, false, Instant.now(), Duration.ofDays(30));
    private final PrivateKey stranger = TestKeys.rsa2048().getPrivate();
    private final Map<String, Mode> modes = new ConcurrentHashMap<>();
    /** orderId → origRespCode a query answers (absent: 34, nobody paid the QR code). */
    private final Map<String, String> outcomes = new ConcurrentHashMap<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();

    public FakeUnionPayGateway(TestPki pki) throws IOException {
        this.pki = pki;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/gateway/api/", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void stop() {
        server.stop(0);
    }

    public void mode(String orderId, Mode mode) {
        modes.put(orderId, mode);
    }

    /** The customer paid (00) or failed (e.g. 01): what queries answer as origRespCode. */
    public void outcome(String orderId, String origRespCode) {
        outcomes.put(orderId, origRespCode);
    }

    public List<Call> calls(String orderId) {
        return calls.stream().filter(c -> orderId.equals(c.fields().get("orderId"))).toList();
    }

    public String queryId(String orderId) {
        return "2026" + String.format("%017d", Math.abs((long) orderId.hashCode()));
    }

    /** A paid consume's back notification, as UnionPay signs it. */
    public Map<String, String> notification(String orderId, String txnTime, long fen, String respCode) {
        Map<String, String> f = new TreeMap<>();
        f.put("version", "5.1.0");
        f.put("encoding", "UTF-8");
        f.put("signMethod", "01");
        f.put("txnType", "01");
        f.put("txnSubType", "07");
        f.put("bizType", "000000");
        f.put("accessType", "0");
        f.put("merId", MER_ID);
        f.put("orderId", orderId);
        f.put("txnTime", txnTime);
        f.put("txnAmt", Long.toString(fen));
        f.put("currencyCode", "156");
        f.put("queryId", queryId(orderId));
        f.put("respCode", respCode);
        f.put("respMsg", "成功[0000000]");
        f.put("traceNo", "123456");
        return signed(f, pki.signer);
    }

    /** Signs {@code fields} (signPubKeyCert = the signer's certificate) with the signer's key. */
    public static Map<String, String> signed(Map<String, String> fields, TestPki.Issued signer) {
        return signedWith(fields, signer.pem(), signer.keys().getPrivate());
    }

    public static Map<String, String> signedWith(Map<String, String> fields, String certPem, PrivateKey key) {
        Map<String, String> signed = new TreeMap<>(fields);
        signed.remove("signature");
        signed.put("signPubKeyCert", certPem);
        signed.put("signature", sign(signed, key));
        return signed;
    }

    public TestPki pki() {
        return pki;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> request = new TreeMap<>();
            for (String pair : body.split("&")) {
                int eq = pair.indexOf('=');
                request.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
            String path = exchange.getRequestURI().getPath();
            boolean valid = pki.merchant.cert().getSerialNumber().toString().equals(request.get("certId"))
                    && verify(request, pki.merchant.keys().getPublic());
            calls.add(new Call(path, Map.copyOf(request), valid));
            String orderId = request.getOrDefault("orderId", "");
            Mode mode = modes.getOrDefault(orderId, Mode.NORMAL);
            if (mode == Mode.HTTP_500) {
                exchange.sendResponseHeaders(500, -1);
                return;
            }
            Map<String, String> answer = new TreeMap<>();
            for (String echo : List.of("version", "encoding", "signMethod", "txnType", "txnSubType", "bizType", "accessType",
                    "merId", "orderId", "txnTime")) {
                if (request.containsKey(echo)) {
                    answer.put(echo, request.get(echo));
                }
            }
            if (!valid) {
                answer.put("respCode", "11");
                answer.put("respMsg", "验证签名失败");
            } else if (path.endsWith("/backTransReq.do")) {
                if (mode == Mode.DECLINE) {
                    answer.put("respCode", "65"); // not among the SDK's "query later" codes: a definite refusal
                    answer.put("respMsg", "商户状态不正确");
                } else {
                    answer.put("respCode", "00");
                    answer.put("respMsg", "成功[0000000]");
                    answer.put("qrCode", "https://qr.95516.com/00010000/" + Math.abs(orderId.hashCode()));
                }
            } else {
                String outcome = outcomes.get(orderId);
                if (outcome == null) {
                    answer.put("respCode", "34");
                    answer.put("respMsg", "查无此交易");
                } else {
                    answer.put("respCode", "00");
                    answer.put("respMsg", "成功[0000000]");
                    answer.put("origRespCode", outcome);
                    answer.put("queryId", queryId(orderId));
                    answer.put("txnAmt", calls(orderId).get(0).fields().getOrDefault("txnAmt", "0"));
                }
            }
            Map<String, String> signed = switch (mode) {
                case UNSIGNED -> answer;
                case WRONG_SIGNATURE -> signedWith(answer, pki.signer.pem(), stranger);
                case UNTRUSTED_CERTIFICATE -> signed(answer, impostor);
                default -> signed(answer, pki.signer);
            };
            byte[] bytes = signed.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("&")).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain;charset=UTF-8");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    static String digestHex(Map<String, String> fields) {
        String text = new TreeMap<>(fields).entrySet().stream().filter(e -> !e.getKey().equals("signature"))
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("&"));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
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

    static boolean verify(Map<String, String> fields, java.security.PublicKey key) {
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initVerify(key);
            rsa.update(digestHex(fields).getBytes(StandardCharsets.UTF_8));
            return rsa.verify(Base64.getDecoder().decode(fields.getOrDefault("signature", "")));
        } catch (Exception e) {
            return false;
        }
    }
}

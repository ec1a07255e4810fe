package dev.paysaga.channel.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Plays WeChat Pay API v3 for the tests, written from WeChat Pay's documentation independently of the
 * service's code (JDK crypto and regular expressions only): it checks every request's
 * {@code WECHATPAY2-SHA256-RSA2048} Authorization with the merchant's public key (401 SIGN_ERROR
 * otherwise), signs every answer with the platform key, and makes encrypted, signed notifications.
 * Trades are scripted per out_trade_no, so tests running side by side do not disturb each other.
 */
public final class FakeWechatPayGateway {
    public static final String MCHID = "1900000109";
    public static final String APPID = "wxd678efh567hg6787";
    public static final String MERCHANT_SERIAL = "5157F09EFDC096DE15EBE81A47057A7232F1B8E1";
    public static final String PLATFORM_SERIAL = "PUB_KEY_ID_0119000001092026112500000000000001";
    private static final Pattern AUTHORIZATION = Pattern.compile(
            "WECHATPAY2-SHA256-RSA2048 mchid=\"([^\"]*)\",nonce_str=\"([^\"]*)\",signature=\"([^\"]*)\","
                    + "timestamp=\"([0-9]+)\",serial_no=\"([^\"]*)\"");
    private static final Pattern OUT_TRADE_NO = Pattern.compile("\"out_trade_no\"\\s*:\\s*\"([^\"]*)\"");
    private static final Pattern TOTAL = Pattern.compile("\"total\"\\s*:\\s*([0-9]+)");

    public enum Mode {
        NORMAL, HTTP_500, WRONG_SIGNATURE, UNSIGNED, STALE, DECLINE
    }

    public record Call(String method, String pathAndQuery, String body, String authorization, boolean signatureValid) {
    }

    /** A notification as WeChat Pay posts it: signed headers and the JSON body. */
    public record Delivery(Map<String, String> headers, String body) {
    }

    private static final class Trade {
        final long total;
        final String transactionId = "4200" + Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000_000L);
        volatile String state = "NOTPAY";

        Trade(long total) {
            this.total = total;
        }
    }

    private final HttpServer server;
    private final PublicKey merchantPublic;
    private final PrivateKey platformPrivate;
    private final String apiV3Key;
    private final PrivateKey strangerPrivate = TestKeys.rsa2048().getPrivate();
    private final Map<String, Trade> trades = new ConcurrentHashMap<>();
    private final Map<String, Mode> modes = new ConcurrentHashMap<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();

    public FakeWechatPayGateway(PublicKey merchantPublic, KeyPair platform, String apiV3Key) throws IOException {
        this.merchantPublic = merchantPublic;
        this.platformPrivate = platform.getPrivate();
        this.apiV3Key = apiV3Key;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v3/pay/transactions", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void stop() {
        server.stop(0);
    }

    // --- Scripting ---

    public void mode(String outTradeNo, Mode mode) {
        modes.put(outTradeNo, mode);
    }

    public void pay(String outTradeNo) {
        trades.get(outTradeNo).state = "SUCCESS";
    }

    public void fail(String outTradeNo) {
        trades.get(outTradeNo).state = "PAYERROR";
    }

    public String state(String outTradeNo) {
        return trades.get(outTradeNo).state;
    }

    public String transactionId(String outTradeNo) {
        return trades.get(outTradeNo).transactionId;
    }

    public List<Call> calls(String outTradeNo) {
        return calls.stream().filter(c -> c.pathAndQuery().contains(outTradeNo) || c.body().contains(outTradeNo)).toList();
    }

    // --- Notifications WeChat Pay would send ---

    /** A TRANSACTION.SUCCESS-style notification about the trade, encrypted and signed as WeChat Pay does. */
    public Delivery notification(String outTradeNo, String tradeState, long total) {
        return notification(transaction(MCHID, outTradeNo, tradeState, total), apiV3Key, platformPrivate,
                Instant.now().getEpochSecond(), "notif-" + UUID.randomUUID());
    }

    public String transaction(String mchid, String outTradeNo, String tradeState, long total) {
        Trade trade = trades.get(outTradeNo);
        String transactionId = trade == null ? "4200000000000000000001" : trade.transactionId;
        return "{\"mchid\":\"" + mchid + "\",\"appid\":\"" + APPID + "\",\"out_trade_no\":\"" + outTradeNo
                + "\",\"transaction_id\":\"" + transactionId + "\",\"trade_type\":\"NATIVE\",\"trade_state\":\""
                + tradeState + "\",\"trade_state_desc\":\"支付成功\",\"bank_type\":\"OTHERS\",\"success_time\":"
                + "\"2026-11-25T15:00:00+08:00\",\"payer\":{\"openid\":\"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o\"},"
                + "\"amount\":{\"total\":" + total + ",\"payer_total\":" + total
                + ",\"currency\":\"CNY\",\"payer_currency\":\"CNY\"}}";
    }

    /** Any notification: {@code plaintext} encrypted with {@code key}, the delivery signed by {@code signer} at {@code timestamp}. */
    public Delivery notification(String plaintext, String key, PrivateKey signer, long timestamp, String id) {
        return notification("TRANSACTION.SUCCESS", "transaction", plaintext, key, signer, timestamp, id);
    }

    /** A REFUND.* notification about one refund ({@code status} SUCCESS, CLOSED or ABNORMAL), as WeChat Pay sends it. */
    public Delivery refundNotification(String outTradeNo, String outRefundNo, long refund, long total, String status) {
        String plaintext = "{\"mchid\":\"" + MCHID + "\",\"out_trade_no\":\"" + outTradeNo
                + "\",\"transaction_id\":\"4200000000000000000001\",\"out_refund_no\":\"" + outRefundNo
                + "\",\"refund_id\":\"50300000000000000000000000001\",\"refund_status\":\"" + status
                + "\",\"success_time\":\"2026-11-25T15:05:00+08:00\",\"user_received_account\":\"支付用户零钱\","
                + "\"amount\":{\"total\":" + total + ",\"refund\":" + refund + ",\"payer_total\":" + total
                + ",\"payer_refund\":" + refund + "}}";
        return notification("REFUND." + status, "refund", plaintext, apiV3Key, platformPrivate,
                Instant.now().getEpochSecond(), "notif-" + UUID.randomUUID());
    }

    private Delivery notification(String eventType, String originalType, String plaintext, String key, PrivateKey signer,
            long timestamp, String id) {
        String nonce = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String body = "{\"id\":\"" + id + "\",\"create_time\":\"2026-11-25T15:00:01+08:00\","
                + "\"resource_type\":\"encrypt-resource\",\"event_type\":\"" + eventType + "\",\"summary\":\"通知\","
                + "\"resource\":{\"original_type\":\"" + originalType + "\",\"algorithm\":\"AEAD_AES_256_GCM\",\"ciphertext\":\""
                + encrypt(key, nonce, originalType, plaintext) + "\",\"associated_data\":\"" + originalType
                + "\",\"nonce\":\"" + nonce + "\"}}";
        return signedDelivery(body, signer, timestamp);
    }

    /** The same body signed afresh: what a resend of the notification looks like. */
    public Delivery resend(Delivery delivery) {
        return signedDelivery(delivery.body(), platformPrivate, Instant.now().getEpochSecond());
    }

    public PrivateKey platformPrivateKey() {
        return platformPrivate;
    }

    public String apiV3Key() {
        return apiV3Key;
    }

    private Delivery signedDelivery(String body, PrivateKey signer, long timestamp) {
        String nonce = UUID.randomUUID().toString().replace("-", "").toUpperCase();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Wechatpay-Timestamp", Long.toString(timestamp));
        headers.put("Wechatpay-Nonce", nonce);
        headers.put("Wechatpay-Signature", sign(timestamp + "\n" + nonce + "\n" + body + "\n", signer));
        headers.put("Wechatpay-Serial", PLATFORM_SERIAL);
        headers.put("Wechatpay-Signature-Type", "WECHATPAY2-SHA256-RSA2048");
        return new Delivery(headers, body);
    }

    public static String encrypt(String key, String nonce, String associatedData, String plaintext) {
        try {
            Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key.getBytes(StandardCharsets.US_ASCII), "AES"),
                    new GCMParameterSpec(128, nonce.getBytes(StandardCharsets.UTF_8)));
            aes.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(aes.doFinal(plaintext.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    // --- The API ---

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String pathAndQuery = exchange.getRequestURI().getRawPath()
                    + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            boolean valid = authorizationValid(method, pathAndQuery, body, authorization);
            calls.add(new Call(method, pathAndQuery, body, authorization == null ? "" : authorization, valid));
            String outTradeNo = outTradeNo(exchange.getRequestURI().getRawPath(), body);
            Mode mode = outTradeNo == null ? Mode.NORMAL : modes.getOrDefault(outTradeNo, Mode.NORMAL);
            if (mode == Mode.HTTP_500) {
                reply(exchange, 500, "{\"code\":\"SYSTEM_ERROR\",\"message\":\"系统错误\"}", mode);
                return;
            }
            if (!valid) {
                reply(exchange, 401, "{\"code\":\"SIGN_ERROR\",\"message\":\"签名错误\"}", mode);
                return;
            }
            String path = exchange.getRequestURI().getRawPath();
            if (method.equals("POST") && path.equals("/v3/pay/transactions/native")) {
                if (mode == Mode.DECLINE) {
                    reply(exchange, 403, "{\"code\":\"NO_AUTH\",\"message\":\"商户无权限\"}", mode);
                    return;
                }
                Matcher total = TOTAL.matcher(body);
                long amount = total.find() ? Long.parseLong(total.group(1)) : -1;
                trades.computeIfAbsent(outTradeNo, k -> new Trade(amount));
                reply(exchange, 200, "{\"code_url\":\"weixin:\\/\\/wxpay\\/bizpayurl?pr=" + outTradeNo.hashCode() + "\"}",
                        mode);
            } else if (method.equals("GET") && path.startsWith("/v3/pay/transactions/out-trade-no/")) {
                Trade trade = trades.get(outTradeNo);
                if (trade == null) {
                    reply(exchange, 404, "{\"code\":\"ORDER_NOT_EXIST\",\"message\":\"订单不存在\"}", mode);
                    return;
                }
                reply(exchange, 200, transaction(MCHID, outTradeNo, trade.state, trade.total), mode);
            } else if (method.equals("POST") && path.endsWith("/close")) {
                Trade trade = trades.get(outTradeNo);
                if (trade == null) {
                    reply(exchange, 404, "{\"code\":\"ORDER_NOT_EXIST\",\"message\":\"订单不存在\"}", mode);
                    return;
                }
                if (trade.state.equals("SUCCESS")) {
                    reply(exchange, 400, "{\"code\":\"ORDER_PAID\",\"message\":\"订单已支付\"}", mode);
                    return;
                }
                trade.state = "CLOSED";
                reply(exchange, 204, "", mode);
            } else {
                reply(exchange, 404, "{\"code\":\"NOT_FOUND\",\"message\":\"no such API\"}", mode);
            }
        }
    }

    private static String outTradeNo(String path, String body) {
        String prefix = "/v3/pay/transactions/out-trade-no/";
        if (path.startsWith(prefix)) {
            String rest = path.substring(prefix.length());
            return rest.endsWith("/close") ? rest.substring(0, rest.length() - "/close".length()) : rest;
        }
        Matcher m = OUT_TRADE_NO.matcher(body);
        return m.find() ? m.group(1) : null;
    }

    private void reply(HttpExchange exchange, int status, String body, Mode mode) throws IOException {
        long timestamp = Instant.now().getEpochSecond() - (mode == Mode.STALE ? 600 : 0);
        String nonce = UUID.randomUUID().toString().replace("-", "");
        if (mode != Mode.UNSIGNED) {
            PrivateKey signer = mode == Mode.WRONG_SIGNATURE ? strangerPrivate : platformPrivate;
            exchange.getResponseHeaders().set("Wechatpay-Timestamp", Long.toString(timestamp));
            exchange.getResponseHeaders().set("Wechatpay-Nonce", nonce);
            exchange.getResponseHeaders().set("Wechatpay-Signature", sign(timestamp + "\n" + nonce + "\n" + body + "\n", signer));
            exchange.getResponseHeaders().set("Wechatpay-Serial", PLATFORM_SERIAL);
        }
        exchange.getResponseHeaders().set("Request-ID", UUID.randomUUID().toString());
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (bytes.length == 0) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private boolean authorizationValid(String method, String pathAndQuery, String body, String authorization) {
        if (authorization == null) {
            return false;
        }
        Matcher m = AUTHORIZATION.matcher(authorization);
        if (!m.matches() || !MCHID.equals(m.group(1)) || !MERCHANT_SERIAL.equals(m.group(5))) {
            return false;
        }
        String message = method + "\n" + pathAndQuery + "\n" + m.group(4) + "\n" + m.group(2) + "\n" + body + "\n";
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initVerify(merchantPublic);
            rsa.update(message.getBytes(StandardCharsets.UTF_8));
            return rsa.verify(Base64.getDecoder().decode(m.group(3)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    static String sign(String content, PrivateKey key) {
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update(content.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}

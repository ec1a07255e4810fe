package dev.paysaga.channel.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Plays Alipay's gateway for the tests, with real signatures: it verifies every request's RSA2
 * signature with our app's public key (a request that does not verify is answered like Alipay,
 * {@code isv.invalid-signature}) and signs every answer with the platform private key over the
 * exact text of its response node. Its signing code is written independently of the service's.
 * Trades are scripted per out_trade_no, so tests running side by side do not disturb each other.
 */
public final class FakeAlipayGateway {
    public enum Mode {
        NORMAL, HTTP_500, WRONG_SIGNATURE, UNSIGNED, SYSTEM_ERROR, DECLINE
    }

    public record Call(String method, Map<String, String> params, boolean signatureValid) {
    }

    private static final Pattern FIELD = Pattern.compile("\"(out_trade_no|total_amount)\"\\s*:\\s*\"([^\"]*)\"");

    private volatile HttpServer server;
    private final int port;
    private final String appId;
    private final PublicKey appPublic;
    private final PrivateKey platformPrivate;
    private final PrivateKey strangerPrivate = TestKeys.rsa2048().getPrivate();
    private final Map<String, Trade> trades = new ConcurrentHashMap<>();
    private final Map<String, Mode> modes = new ConcurrentHashMap<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();

    private static final class Trade {
        final String totalAmount;
        final String qrCode = "https://qr.alipay.com/bax0" + UUID.randomUUID().toString().substring(0, 8);
        final String tradeNo = "2026" + Math.abs(UUID.randomUUID().getMostSignificantBits());
        volatile String status; // null: precreated, not scanned yet (Alipay has no trade)

        Trade(String totalAmount) {
            this.totalAmount = totalAmount;
        }
    }

    public FakeAlipayGateway(String appId, PublicKey appPublic, KeyPair platform) throws IOException {
        this.appId = appId;
        this.appPublic = appPublic;
        this.platformPrivate = platform.getPrivate();
        this.server = listen(0);
        this.port = server.getAddress().getPort();
    }

    private HttpServer listen(int onPort) throws IOException {
        HttpServer listening = HttpServer.create(new InetSocketAddress("127.0.0.1", onPort), 0);
        listening.createContext("/gateway.do", this::handle);
        listening.start();
        return listening;
    }

    public String url() {
        return "http://127.0.0.1:" + port + "/gateway.do";
    }

    /** The gateway stops listening: connections are refused (nothing can reach it) until {@link #up()}. */
    public void down() {
        server.stop(0);
    }

    /** Listening again, on the same port. */
    public void up() throws IOException {
        server = listen(port);
    }

    public void stop() {
        server.stop(0);
    }

    // --- Scripting ---

    public void mode(String outTradeNo, Mode mode) {
        modes.put(outTradeNo, mode);
    }

    public void scan(String outTradeNo) {
        trades.get(outTradeNo).status = "WAIT_BUYER_PAY";
    }

    public void pay(String outTradeNo) {
        trades.get(outTradeNo).status = "TRADE_SUCCESS";
    }

    public void closeByAlipay(String outTradeNo) {
        trades.get(outTradeNo).status = "TRADE_CLOSED";
    }

    public String tradeNo(String outTradeNo) {
        return trades.get(outTradeNo).tradeNo;
    }

    /** Every call about the trade, whatever its method. */
    public List<Call> calls(String outTradeNo) {
        return calls.stream().filter(c -> outTradeNo.equals(field(c.params().get("biz_content"), "out_trade_no")))
                .toList();
    }

    public List<Call> calls(String outTradeNo, String method) {
        return calls(outTradeNo).stream().filter(c -> c.method().equals(method)).toList();
    }

    // --- Notifications Alipay would send ---

    /** A {@code trade_status_sync} notification for the trade, signed with the platform key. */
    public Map<String, String> notification(String outTradeNo, String tradeStatus, String totalAmount) {
        Map<String, String> form = new TreeMap<>();
        form.put("notify_time", "2026-11-23 10:00:00");
        form.put("notify_type", "trade_status_sync");
        form.put("notify_id", "ac05099524730693a8b330c5ecf72da" + UUID.randomUUID().toString().substring(0, 6));
        form.put("app_id", appId);
        form.put("charset", "utf-8");
        form.put("version", "1.0");
        form.put("trade_no", trades.containsKey(outTradeNo) ? tradeNo(outTradeNo) : "2026000000000001");
        form.put("out_trade_no", outTradeNo);
        form.put("trade_status", tradeStatus);
        form.put("total_amount", totalAmount);
        form.put("receipt_amount", totalAmount);
        form.put("buyer_id", "2088102122524333");
        form.put("seller_id", "2088101106499364");
        form.put("subject", "PaySaga 支付 " + outTradeNo);
        form.put("gmt_payment", "2026-11-23 09:59:58");
        return signNotification(form, platformPrivate);
    }

    /** Signs {@code form} (sign and sign_type excluded from the content) with {@code key}; sets sign_type RSA2. */
    public static Map<String, String> signNotification(Map<String, String> form, PrivateKey key) {
        Map<String, String> signed = new TreeMap<>(form);
        signed.remove("sign");
        signed.remove("sign_type");
        String content = signed.entrySet().stream().filter(e -> !e.getValue().isEmpty())
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("&"));
        signed.put("sign_type", "RSA2");
        signed.put("sign", sign(content, key));
        return signed;
    }

    public PrivateKey platformPrivateKey() {
        return platformPrivate;
    }

    public static String formBody(Map<String, String> form) {
        return form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    // --- The gateway ---

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> params = new TreeMap<>();
            for (String pair : body.split("&")) {
                int eq = pair.indexOf('=');
                params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
            String method = params.getOrDefault("method", "");
            boolean valid = requestSignatureValid(params);
            calls.add(new Call(method, Map.copyOf(params), valid));
            String outTradeNo = field(params.get("biz_content"), "out_trade_no");
            Mode mode = outTradeNo == null ? Mode.NORMAL : modes.getOrDefault(outTradeNo, Mode.NORMAL);
            if (mode == Mode.HTTP_500) {
                exchange.sendResponseHeaders(500, -1);
                return;
            }
            String node = !valid
                    ? "{\"code\":\"40002\",\"msg\":\"Invalid Arguments\",\"sub_code\":\"isv.invalid-signature\",\"sub_msg\":\"验签出错\"}"
                    : mode == Mode.SYSTEM_ERROR
                            ? "{\"code\":\"40004\",\"msg\":\"Business Failed\",\"sub_code\":\"ACQ.SYSTEM_ERROR\",\"sub_msg\":\"系统错误\"}"
                            : answer(method, outTradeNo, field(params.get("biz_content"), "total_amount"), mode);
            String nodeName = valid ? method.replace('.', '_') + "_response" : "error_response";
            String response = switch (mode) {
                case UNSIGNED -> "{\"" + nodeName + "\":" + node + "}";
                case WRONG_SIGNATURE -> "{\"" + nodeName + "\":" + node + ",\"sign\":\"" + sign(node, strangerPrivate) + "\"}";
                default -> "{\"" + nodeName + "\":" + node + ",\"sign\":\"" + sign(node, platformPrivate) + "\"}";
            };
            byte[] bytes = response.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html;charset=utf-8");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    private String answer(String method, String outTradeNo, String totalAmount, Mode mode) {
        switch (method) {
            case "alipay.trade.precreate" -> {
                if (mode == Mode.DECLINE) {
                    return "{\"code\":\"40004\",\"msg\":\"Business Failed\",\"sub_code\":\"ACQ.ACCESS_FORBIDDEN\",\"sub_msg\":\"无权限使用接口\"}";
                }
                Trade trade = trades.computeIfAbsent(outTradeNo, k -> new Trade(totalAmount));
                if (!trade.totalAmount.equals(totalAmount)) {
                    return "{\"code\":\"40004\",\"msg\":\"Business Failed\",\"sub_code\":\"ACQ.CONTEXT_INCONSISTENT\",\"sub_msg\":\"交易信息被篡改\"}";
                }
                // Escaped slashes and spacing on purpose: the signature covers this exact text.
                return "{\"code\":\"10000\", \"msg\":\"Success\",\"out_trade_no\":\"" + outTradeNo
                        + "\",\"qr_code\":\"" + trade.qrCode.replace("/", "\\/") + "\"}";
            }
            case "alipay.trade.query" -> {
                Trade trade = trades.get(outTradeNo);
                if (trade == null || trade.status == null) {
                    return "{\"code\":\"40004\",\"msg\":\"Business Failed\",\"sub_code\":\"ACQ.TRADE_NOT_EXIST\",\"sub_msg\":\"交易不存在\",\"out_trade_no\":\""
                            + outTradeNo + "\"}";
                }
                return "{\"code\":\"10000\",\"msg\":\"Success\",\"trade_no\":\"" + trade.tradeNo + "\",\"out_trade_no\":\""
                        + outTradeNo + "\",\"trade_status\":\"" + trade.status + "\",\"total_amount\":\""
                        + trade.totalAmount + "\",\"buyer_logon_id\":\"159****5620\"}";
            }
            case "alipay.trade.close" -> {
                Trade trade = trades.get(outTradeNo);
                if (trade == null || trade.status == null) {
                    return "{\"code\":\"40004\",\"msg\":\"Business Failed\",\"sub_code\":\"ACQ.TRADE_NOT_EXIST\",\"sub_msg\":\"交易不存在\"}";
                }
                if (!trade.status.equals("WAIT_BUYER_PAY")) {
                    return "{\"code\":\"40004\",\"msg\":\"Business Failed\",\"sub_code\":\"ACQ.TRADE_STATUS_ERROR\",\"sub_msg\":\"交易状态不合法\"}";
                }
                trade.status = "TRADE_CLOSED";
                return "{\"code\":\"10000\",\"msg\":\"Success\",\"trade_no\":\"" + trade.tradeNo + "\",\"out_trade_no\":\""
                        + outTradeNo + "\"}";
            }
            default -> {
                return "{\"code\":\"40002\",\"msg\":\"Invalid Arguments\",\"sub_code\":\"isv.invalid-method\"}";
            }
        }
    }

    private boolean requestSignatureValid(Map<String, String> params) {
        if (!appId.equals(params.get("app_id")) || !"RSA2".equals(params.get("sign_type"))) {
            return false;
        }
        String content = params.entrySet().stream()
                .filter(e -> !e.getKey().equals("sign") && !e.getValue().isEmpty())
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("&"));
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initVerify(appPublic);
            rsa.update(content.getBytes(StandardCharsets.UTF_8));
            return rsa.verify(Base64.getDecoder().decode(params.getOrDefault("sign", "")));
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

    private static String field(String json, String name) {
        if (json == null) {
            return null;
        }
        Matcher m = FIELD.matcher(json);
        while (m.find()) {
            if (m.group(1).equals(name)) {
                return m.group(2);
            }
        }
        return null;
    }
}

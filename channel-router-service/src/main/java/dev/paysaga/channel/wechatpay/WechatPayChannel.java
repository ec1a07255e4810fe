package dev.paysaga.channel.wechatpay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paysaga.channel.domain.ChannelNotification;
import dev.paysaga.channel.domain.ChannelRefund;
import dev.paysaga.channel.domain.ChannelStatement;
import dev.paysaga.channel.domain.ChannelTrade;
import dev.paysaga.channel.domain.ChannelUnavailableException;
import dev.paysaga.channel.domain.NotificationRefusedException;
import dev.paysaga.channel.gateway.HttpChannel;
import dev.paysaga.channel.gateway.GatewayFailures;
import dev.paysaga.runtime.ids.Ids;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * WeChat Pay API v3, Native payment (a {@code code_url} the customer scans): create
 * ({@code POST /v3/pay/transactions/native}), query by out_trade_no
 * ({@code GET /v3/pay/transactions/out-trade-no/{no}?mchid=…}), close
 * ({@code POST …/{no}/close}, 204), domestic refunds ({@code /v3/refund/domestic/refunds}) and the
 * {@code TRANSACTION.SUCCESS} notification. Every request
 * carries a {@code WECHATPAY2-SHA256-RSA2048} Authorization; every answer and notification is believed
 * only once {@link WechatPayVerifier} accepts it. Amounts are integer fen. The payment id is the
 * {@code out_trade_no} (WeChat allows 6–32 of {@code [A-Za-z0-9_*-]}; ours are 30).
 */
@Singleton
public class WechatPayChannel extends HttpChannel {
    public static final String NAME = "wechatpay";
    static final String NATIVE = "/v3/pay/transactions/native";
    static final String BY_OUT_TRADE_NO = "/v3/pay/transactions/out-trade-no/";
    static final String REFUNDS = "/v3/refund/domestic/refunds";
    private static final String REFUND_EVENT = "REFUND.";
    static final String BILLS = "/v3/bill/tradebill";
    private static final Logger LOG = Logger.getLogger(WechatPayChannel.class);

    private final ObjectMapper json = new ObjectMapper();
    private final SecureRandom random = new SecureRandom();
    private final WechatPayKeys keys;
    private final URI baseUrl;
    private final String mchid;
    private final String appid;
    private final String merchantSerial;
    private final String platformSerial;
    private final String notifyUrl;
    private final Clock clock;

    WechatPayChannel(WechatPayKeys keys, Vertx vertx,
            @ConfigProperty(name = "paysaga.channels.wechatpay.base-url") URI baseUrl,
            @ConfigProperty(name = "paysaga.channels.wechatpay.mchid") String mchid,
            @ConfigProperty(name = "paysaga.channels.wechatpay.appid") String appid,
            @ConfigProperty(name = "paysaga.channels.wechatpay.merchant-serial") String merchantSerial,
            @ConfigProperty(name = "paysaga.channels.wechatpay.platform-serial") String platformSerial,
            @ConfigProperty(name = "paysaga.channels.notify-base-url") String notifyBaseUrl,
            @ConfigProperty(name = "paysaga.channels.wechatpay.connect-timeout", defaultValue = "PT2S") Duration connectTimeout,
            @ConfigProperty(name = "paysaga.channels.wechatpay.request-timeout", defaultValue = "PT10S") Duration requestTimeout) {
        super(NAME, "CNY"::equals, vertx, connectTimeout, requestTimeout);
        this.keys = keys;
        this.baseUrl = baseUrl;
        this.mchid = mchid;
        this.appid = appid;
        this.merchantSerial = merchantSerial;
        this.platformSerial = platformSerial;
        this.notifyUrl = notifyBaseUrl + "/" + NAME;
        this.clock = Clock.systemUTC();
    }

    @Override
    public Uni<CreateResult> create(ChannelPayment payment) {
        ObjectNode body = json.createObjectNode()
                .put("appid", appid)
                .put("mchid", mchid)
                .put("description", "PaySaga payment " + payment.paymentId())
                .put("out_trade_no", payment.paymentId())
                .put("notify_url", notifyUrl);
        body.putObject("amount").put("total", payment.amountMinor()).put("currency", "CNY");
        return call(HttpMethod.POST, NATIVE, body.toString()).map(reply -> {
            if (reply.status() == 200) {
                String codeUrl = reply.text("code_url");
                if (codeUrl == null || codeUrl.isEmpty()) {
                    throw new ChannelUnavailableException("native pay answered without a code_url");
                }
                return new Created(Map.of("type", "qr_code", "qr_code", codeUrl));
            }
            if (reply.isDefiniteRefusal()) {
                return new Declined(reply.code(), reply.text("message"));
            }
            throw reply.unavailable("native pay");
        });
    }

    @Override
    public Uni<ChannelTrade> query(ChannelPayment payment) {
        return call(HttpMethod.GET, tradePath(payment.paymentId()) + "?mchid=" + mchid, "")
                .map(reply -> tradeFromQuery(payment.paymentId(), reply));
    }

    @Override
    public Uni<ChannelTrade> close(ChannelPayment payment) {
        String body = json.createObjectNode().put("mchid", mchid).toString();
        return call(HttpMethod.POST, tradePath(payment.paymentId()) + "/close", body).chain(reply -> {
            if (reply.status() == 204) {
                return Uni.createFrom().item(ChannelTrade.of(payment.paymentId(), ChannelTrade.State.CLOSED));
            }
            if (reply.status() == 404 && "ORDER_NOT_EXIST".equals(reply.code())) {
                // Never created at WeChat Pay (its create's answer was lost before it arrived): nothing can be paid.
                return Uni.createFrom().item(ChannelTrade.of(payment.paymentId(), ChannelTrade.State.CLOSED));
            }
            if (reply.isDefiniteRefusal()) {
                // Paid or closed already: ask which.
                return query(payment).map(trade -> switch (trade.state()) {
                    case PAID, CLOSED -> trade;
                    case WAITING, NOT_FOUND -> throw new ChannelUnavailableException(
                            "close refused (" + reply.code() + ") but the trade is " + trade.state());
                });
            }
            return Uni.createFrom().failure(reply.unavailable("close"));
        });
    }

    /**
     * {@code POST /v3/refund/domestic/refunds} with the refund id as {@code out_refund_no}: WeChat Pay
     * answers a repeat with the same refund. A new refund is usually {@code PROCESSING}; the query finishes it.
     */
    @Override
    public Uni<ChannelRefund.Outcome> refund(ChannelRefund refund) {
        ObjectNode body = json.createObjectNode()
                .put("out_trade_no", refund.paymentId())
                .put("out_refund_no", refund.refundId())
                .put("reason", "PaySaga refund " + refund.refundId())
                .put("notify_url", notifyUrl); // REFUND.SUCCESS comes to the payments' callback, ahead of the query
        body.putObject("amount").put("refund", refund.amountMinor()).put("total", refund.paymentAmountMinor())
                .put("currency", "CNY");
        return call(HttpMethod.POST, REFUNDS, body.toString()).map(reply -> refundOutcome(refund, reply, "refund"));
    }

    /** {@code GET /v3/refund/domestic/refunds/{out_refund_no}}; 404 RESOURCE_NOT_EXISTS: no such refund. */
    @Override
    public Uni<ChannelRefund.Outcome> queryRefund(ChannelRefund refund) {
        return call(HttpMethod.GET, REFUNDS + "/" + refund.refundId(), "").map(reply -> {
            if (reply.status() == 404 && "RESOURCE_NOT_EXISTS".equals(reply.code())) {
                return new ChannelRefund.NotFound();
            }
            return refundOutcome(refund, reply, "refund query");
        });
    }

    private static ChannelRefund.Outcome refundOutcome(ChannelRefund refund, WechatPayReply reply, String what) {
        if (reply.status() != 200) {
            if (reply.isDefiniteRefusal()) {
                return new ChannelRefund.Declined(reply.code(), reply.text("message"));
            }
            throw reply.unavailable(what);
        }
        if (!refund.refundId().equals(reply.text("out_refund_no"))
                || reply.body().path("amount").path("refund").asLong(-1) != refund.amountMinor()) {
            throw new ChannelUnavailableException(what + " answered about another refund");
        }
        String status = reply.text("status");
        return switch (status == null ? "" : status) {
            case "SUCCESS" -> new ChannelRefund.Refunded(reply.text("refund_id"), null);
            case "PROCESSING" -> new ChannelRefund.Processing();
            case "CLOSED", "ABNORMAL" -> new ChannelRefund.Declined(status, "the refund ended " + status);
            default -> throw new ChannelUnavailableException(what + " answered status " + status);
        };
    }

    /**
     * {@code GET /v3/bill/tradebill?bill_date=…&bill_type=ALL} answers a signed {@code download_url} and the
     * file's SHA-1; the file itself comes unsigned, so its hash is what makes it believable. Only a URL on
     * our configured WeChat Pay host is fetched (a signed request never goes elsewhere). WeChat Pay answers
     * {@code NO_STATEMENT_EXIST} for a day without transactions: an empty statement.
     */
    @Override
    public ZoneId statementZone() {
        return ZoneId.of("Asia/Shanghai");
    }

    @Override
    public Uni<ChannelStatement> statement(LocalDate day) {
        return call(HttpMethod.GET, BILLS + "?bill_date=" + day + "&bill_type=ALL", "").chain(reply -> {
            if (reply.status() == 400 && "NO_STATEMENT_EXIST".equals(reply.code())) {
                return Uni.createFrom().item(new ChannelStatement(NAME, day, List.of()));
            }
            if (reply.status() != 200) {
                return Uni.createFrom().failure(reply.unavailable("trade bill"));
            }
            String hash = reply.text("hash_value");
            URI file = URI.create(String.valueOf(reply.text("download_url")));
            if (!"SHA1".equals(reply.text("hash_type")) || hash == null
                    || !Objects.equals(file.getRawAuthority(), baseUrl.getRawAuthority())) {
                return Uni.createFrom().failure(new ChannelUnavailableException("trade bill answered an unusable download"));
            }
            return download(file.getRawPath() + "?" + file.getRawQuery()).map(bytes -> {
                if (!HexFormat.of().formatHex(sha1(bytes)).equalsIgnoreCase(hash)) {
                    throw new ChannelUnavailableException("trade bill file does not match its SHA-1");
                }
                try {
                    return TradeBill.parse(new String(bytes, StandardCharsets.UTF_8), day, mchid);
                } catch (IllegalArgumentException e) {
                    throw new ChannelUnavailableException("trade bill unreadable: " + e.getMessage());
                }
            });
        });
    }

    private Uni<byte[]> download(String pathAndQuery) {
        return Uni.createFrom().item(() -> signedRequest(HttpMethod.GET, pathAndQuery, ""))
                .chain(HttpRequest::send)
                .onFailure().transform(e -> GatewayFailures.of("bill download", e))
                .map(response -> {
                    if (response.statusCode() != 200) {
                        throw new ChannelUnavailableException("bill download answered HTTP " + response.statusCode());
                    }
                    return response.body() == null ? new byte[0] : response.body().getBytes();
                });
    }

    private static byte[] sha1(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String tradePath(String outTradeNo) {
        // Our payment ids need no escaping in a path; a foreign value never reaches here.
        return BY_OUT_TRADE_NO + outTradeNo;
    }

    private ChannelTrade tradeFromQuery(String paymentId, WechatPayReply reply) {
        if (reply.status() == 404 && "ORDER_NOT_EXIST".equals(reply.code())) {
            return ChannelTrade.of(paymentId, ChannelTrade.State.NOT_FOUND);
        }
        if (reply.status() != 200) {
            throw reply.unavailable("query");
        }
        if (!paymentId.equals(reply.text("out_trade_no")) || !mchid.equals(reply.text("mchid"))) {
            throw new ChannelUnavailableException("query answered about another trade");
        }
        return trade(paymentId, reply.body(), ChannelUnavailableException::new);
    }

    /** A transaction object (query answer or decrypted notification) as a trade. */
    private static ChannelTrade trade(String paymentId, JsonNode transaction,
            java.util.function.Function<String, RuntimeException> refuse) {
        ChannelTrade.State state = TradeStates.of(transaction.path("trade_state").asText(null));
        if (state == null) {
            throw refuse.apply("unknown trade_state");
        }
        Long amount = null;
        JsonNode total = transaction.path("amount").path("total");
        if (state == ChannelTrade.State.PAID) {
            if (!total.canConvertToLong() || !total.isIntegralNumber()) {
                throw refuse.apply("amount.total is not an integer amount of fen");
            }
            amount = total.longValue();
        }
        String transactionId = transaction.path("transaction_id").asText(null);
        return new ChannelTrade(paymentId, state, transactionId, amount);
    }

    // --- Notifications ---

    @Override
    public ChannelNotification parseAndVerify(InboundNotification inbound) {
        WechatPayVerifier.Signed signed = WechatPayVerifier.Signed.from(inbound::header);
        String refusal = WechatPayVerifier.refusal(signed, inbound.body(), keys.platformPublicKey(), platformSerial,
                clock.instant());
        if (refusal != null) {
            throw new NotificationRefusedException(refusal, null);
        }
        JsonNode envelope = readTree(inbound.body());
        JsonNode resource = envelope == null ? null : envelope.get("resource");
        String id = envelope == null ? null : envelope.path("id").asText(null);
        if (resource == null || !resource.isObject() || id == null || id.isEmpty()) {
            throw new NotificationRefusedException("malformed", null);
        }
        if (!ResourceCipher.ALGORITHM.equals(resource.path("algorithm").asText(null))) {
            throw new NotificationRefusedException("unsupported_algorithm", null);
        }
        JsonNode transaction;
        try {
            transaction = readTree(ResourceCipher.decrypt(keys.apiV3Key(), resource.path("associated_data").asText(null),
                    resource.path("nonce").asText(null), resource.path("ciphertext").asText(null)));
        } catch (IllegalArgumentException e) {
            throw new NotificationRefusedException("undecryptable", null);
        }
        if (transaction == null) {
            throw new NotificationRefusedException("malformed", null);
        }
        String claimed = transaction.path("out_trade_no").asText(null);
        String paymentId = Ids.isValid("pay", claimed) ? claimed : null; // only a well-formed id reaches a log
        if (!mchid.equals(transaction.path("mchid").asText(null))) {
            throw new NotificationRefusedException("unknown_merchant", paymentId);
        }
        if (paymentId == null) {
            throw new NotificationRefusedException("malformed", null);
        }
        if (envelope.path("event_type").asText("").startsWith(REFUND_EVENT)) {
            return refundNotification(id, signed.nonce(), paymentId, transaction);
        }
        ChannelTrade trade;
        try {
            trade = trade(paymentId, transaction, IllegalArgumentException::new);
        } catch (IllegalArgumentException e) {
            throw new NotificationRefusedException("malformed", paymentId);
        }
        return new ChannelNotification(NAME, id, signed.nonce(), trade);
    }

    /**
     * {@code REFUND.SUCCESS} / {@code REFUND.CLOSED} / {@code REFUND.ABNORMAL}: the decrypted resource is the refund
     * ({@code out_refund_no} is our refund id, {@code refund_status} how it ended), read like the refund query's answer.
     */
    private static ChannelNotification refundNotification(String id, String nonce, String paymentId, JsonNode refund) {
        String refundId = refund.path("out_refund_no").asText(null);
        JsonNode amount = refund.path("amount").path("refund");
        if (!Ids.isValid("re", refundId) || !amount.canConvertToLong()) {
            throw new NotificationRefusedException("malformed", paymentId);
        }
        String status = refund.path("refund_status").asText("");
        ChannelRefund.Outcome outcome = switch (status) {
            case "SUCCESS" -> new ChannelRefund.Refunded(refund.path("refund_id").asText(null), null);
            case "CLOSED", "ABNORMAL" -> new ChannelRefund.Declined(status, "the refund ended " + status);
            default -> throw new NotificationRefusedException("malformed", paymentId);
        };
        return new ChannelNotification(NAME, id, nonce, ChannelTrade.of(paymentId, ChannelTrade.State.WAITING),
                new ChannelNotification.RefundNotice(refundId, amount.asLong(), outcome));
    }

    @Override
    public CallbackReply acknowledgement() {
        return new CallbackReply(MediaType.APPLICATION_JSON, null); // 204: WeChat Pay needs no body
    }

    @Override
    public CallbackReply refusal(String why) {
        return new CallbackReply(MediaType.APPLICATION_JSON,
                json.createObjectNode().put("code", "FAIL").put("message", why).toString());
    }

    private JsonNode readTree(String text) {
        try {
            JsonNode node = json.readTree(text);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    // --- The API call ---

    private Uni<WechatPayReply> call(HttpMethod method, String pathAndQuery, String body) {
        String what = method + " " + pathAndQuery.replaceFirst("\\?.*", "");
        return Uni.createFrom().item(() -> signedRequest(method, pathAndQuery, body))
                .chain(request -> body.isEmpty() ? request.send()
                        : request.sendBuffer(Buffer.buffer(body.getBytes(StandardCharsets.UTF_8))))
                // Only a failure to connect proves nothing was sent (failover is safe); see GatewayFailures.
                .onFailure().transform(e -> GatewayFailures.of(what, e))
                .map(response -> verified(what, response));
    }

    private HttpRequest<Buffer> signedRequest(HttpMethod method, String pathAndQuery, String body) {
        URI target = baseUrl.resolve(pathAndQuery);
        String signedUrl = target.getRawPath() + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery());
        long timestamp = clock.instant().getEpochSecond();
        String nonce = HexFormat.of().withUpperCase().formatHex(nonceBytes());
        String authorization = WechatPaySignatures.sign(method.name(), signedUrl, timestamp, nonce, body, mchid,
                merchantSerial, keys.merchantPrivateKey()).reveal();
        HttpRequest<Buffer> request = client.requestAbs(method, target.toString())
                .timeout(requestTimeoutMillis)
                .putHeader("Authorization", authorization)
                .putHeader("Accept", "application/json")
                .putHeader("User-Agent", "PaySaga channel-router");
        if (!body.isEmpty()) {
            request.putHeader("Content-Type", "application/json");
        }
        return request;
    }

    private byte[] nonceBytes() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return bytes;
    }

    private WechatPayReply verified(String what, HttpResponse<Buffer> response) {
        String text = response.bodyAsString(StandardCharsets.UTF_8.name());
        String body = text == null ? "" : text;
        WechatPayVerifier.Signed signed = WechatPayVerifier.Signed.from(response::getHeader);
        String refusal = WechatPayVerifier.refusal(signed, body, keys.platformPublicKey(), platformSerial, clock.instant());
        if (refusal != null) {
            // An unsigned answer (WeChat Pay leaves some gateway errors unsigned) or a forged one is never believed.
            if (!"unsigned".equals(refusal)) {
                LOG.errorf("%s answer refused (%s): ignored", what, refusal);
            }
            throw new ChannelUnavailableException(what + " answered HTTP " + response.statusCode() + ", " + refusal);
        }
        JsonNode node = body.isEmpty() ? json.createObjectNode() : readTree(body);
        if (node == null) {
            throw new ChannelUnavailableException(what + " answered unreadable JSON");
        }
        return new WechatPayReply(response.statusCode(), node);
    }

    /** A verified answer: the HTTP status and the JSON body ({@code code} and {@code message} on errors). */
    record WechatPayReply(int status, JsonNode body) {
        String text(String field) {
            JsonNode value = body.get(field);
            return value == null || value.isNull() || value.isContainerNode() ? null : value.asText();
        }

        String code() {
            return text("code");
        }

        /** A 4xx that says no for good; 401 (our signature), 429 (rate limit) and 5xx may pass on a retry. */
        boolean isDefiniteRefusal() {
            return (status == 400 || status == 403 || status == 404) && code() != null
                    && !code().equals("SYSTEM_ERROR") && !code().equals("FREQUENCY_LIMITED");
        }

        ChannelUnavailableException unavailable(String what) {
            return new ChannelUnavailableException(what + " answered HTTP " + status + " " + code());
        }
    }
}

package dev.paysaga.channel.alipay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paysaga.channel.domain.ChannelNotification;
import dev.paysaga.channel.domain.ChannelRefund;
import dev.paysaga.channel.domain.ChannelStatement;
import dev.paysaga.channel.domain.ChannelTrade;
import dev.paysaga.channel.domain.ChannelUnavailableException;
import dev.paysaga.channel.domain.DecimalAmounts;
import dev.paysaga.channel.domain.Masked;
import dev.paysaga.channel.domain.NotificationRefusedException;
import dev.paysaga.channel.gateway.HttpChannel;
import dev.paysaga.channel.gateway.GatewayFailures;
import dev.paysaga.runtime.ids.Ids;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Alipay OpenAPI (gateway.do, RSA2): {@code alipay.trade.precreate} (a QR code the customer scans),
 * {@code alipay.trade.query}, {@code alipay.trade.close}, refunds ({@code alipay.trade.refund},
 * {@code alipay.trade.fastpay.refund.query}), the trade bill ({@code alipay.data.dataservice.bill.downloadurl.query}
 * and its zip), and the asynchronous
 * {@code trade_status_sync} notification. Every request is signed with our app's private key; every
 * response and notification is verified with Alipay's public key before anything in it is believed.
 * The payment id is Alipay's {@code out_trade_no}.
 */
@Singleton
public class AlipayChannel extends HttpChannel {
    public static final String NAME = "alipay";
    static final String PRECREATE = "alipay.trade.precreate";
    static final String QUERY = "alipay.trade.query";
    static final String CLOSE = "alipay.trade.close";
    static final String REFUND = "alipay.trade.refund";
    static final String REFUND_QUERY = "alipay.trade.fastpay.refund.query";
    static final String BILL_URL_QUERY = "alipay.data.dataservice.bill.downloadurl.query";
    /** The answer for a day without a bill (no trades, or not generated yet), as Alipay's gateway gives it. */
    static final String BILL_NOT_EXIST = "isp.bill_not_exist";
    /** A downloaded bill zip larger than this is refused unread (the inflated size has its own bound). */
    static final int MAX_BILL_DOWNLOAD_BYTES = 8 * 1024 * 1024;
    static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final String SUCCESS = "10000";
    private static final String BUSINESS_FAILED = "40004";
    /** Alipay takes CNY here: {@code total_amount} is yuan with two decimals. */
    private static final int CNY_EXPONENT = 2;
    private static final long MAX_AMOUNT_MINOR = 100_000_000_00L;
    private static final Set<String> PAID_STATES = Set.of("TRADE_SUCCESS", "TRADE_FINISHED");
    private static final Logger LOG = Logger.getLogger(AlipayChannel.class);

    private final ObjectMapper json = new ObjectMapper();
    private final AlipayKeys keys;
    private final String gatewayUrl;
    private final String appId;
    private final String notifyUrl;
    private final String tradeTimeout;
    private final String pid;
    private final URI billDownloadBase;

    AlipayChannel(AlipayKeys keys, Vertx vertx,
            @ConfigProperty(name = "paysaga.channels.alipay.gateway-url") String gatewayUrl,
            @ConfigProperty(name = "paysaga.channels.alipay.app-id") String appId,
            @ConfigProperty(name = "paysaga.channels.notify-base-url") String notifyBaseUrl,
            @ConfigProperty(name = "paysaga.channels.alipay.connect-timeout", defaultValue = "PT2S") Duration connectTimeout,
            @ConfigProperty(name = "paysaga.channels.alipay.request-timeout", defaultValue = "PT10S") Duration requestTimeout,
            @ConfigProperty(name = "paysaga.channels.alipay.trade-timeout", defaultValue = "15m") String tradeTimeout,
            @ConfigProperty(name = "paysaga.channels.alipay.pid") String pid,
            @ConfigProperty(name = "paysaga.channels.alipay.bill-download-base-url") URI billDownloadBase) {
        super(NAME, "CNY"::equals, vertx, connectTimeout, requestTimeout);
        this.keys = keys;
        this.gatewayUrl = gatewayUrl;
        this.appId = appId;
        this.notifyUrl = notifyBaseUrl + "/" + NAME;
        this.tradeTimeout = tradeTimeout;
        this.pid = pid;
        this.billDownloadBase = billDownloadBase;
    }

    @Override
    public Uni<CreateResult> create(ChannelPayment payment) {
        if (payment.amountMinor() > MAX_AMOUNT_MINOR) {
            return Uni.createFrom().item(new Declined("amount_out_of_range", "above Alipay's 100000000.00"));
        }
        ObjectNode biz = json.createObjectNode()
                .put("out_trade_no", payment.paymentId())
                .put("total_amount", DecimalAmounts.format(payment.amountMinor(), CNY_EXPONENT))
                .put("subject", "PaySaga payment " + payment.paymentId())
                .put("timeout_express", tradeTimeout);
        return call(PRECREATE, biz, true).map(reply -> {
            if (reply.isSuccess()) {
                String qr = reply.text("qr_code");
                if (qr == null || qr.isEmpty()) {
                    throw new ChannelUnavailableException("precreate succeeded without a qr_code");
                }
                return new Created(Map.of("type", "qr_code", "qr_code", qr));
            }
            if (reply.isBusinessFailure() && !reply.isSystemError()) {
                return new Declined(reply.subCode(), reply.subMessage());
            }
            throw reply.unavailable();
        });
    }

    @Override
    public Uni<ChannelTrade> query(ChannelPayment payment) {
        return call(QUERY, json.createObjectNode().put("out_trade_no", payment.paymentId()), false)
                .map(reply -> tradeFromQuery(payment.paymentId(), reply));
    }

    @Override
    public Uni<ChannelTrade> close(ChannelPayment payment) {
        return call(CLOSE, json.createObjectNode().put("out_trade_no", payment.paymentId()), false).chain(reply -> {
            if (reply.isSuccess()) {
                return Uni.createFrom().item(new ChannelTrade(payment.paymentId(), ChannelTrade.State.CLOSED,
                        reply.text("trade_no"), null));
            }
            if (reply.isBusinessFailure() && "ACQ.TRADE_NOT_EXIST".equals(reply.subCode())) {
                // A precreated trade exists at Alipay only once its QR code is scanned: nothing to pay now.
                return Uni.createFrom().item(ChannelTrade.of(payment.paymentId(), ChannelTrade.State.CLOSED));
            }
            if (reply.isBusinessFailure() && !reply.isSystemError()) {
                // ACQ.TRADE_STATUS_ERROR & co.: the trade is no longer open (paid, or closed already). Ask.
                return query(payment).map(trade -> switch (trade.state()) {
                    case PAID, CLOSED -> trade;
                    case WAITING, NOT_FOUND -> throw new ChannelUnavailableException(
                            "close refused (" + reply.subCode() + ") but the trade is " + trade.state());
                });
            }
            return Uni.createFrom().failure(reply.unavailable());
        });
    }

    /**
     * {@code alipay.trade.refund} with the refund id as {@code out_request_no}, so a repeat is the same
     * request. Alipay answers {@code fund_change=N} both for a repeat and for a refund it has not
     * finished: the refund query decides which.
     */
    @Override
    public Uni<ChannelRefund.Outcome> refund(ChannelRefund refund) {
        ObjectNode biz = json.createObjectNode()
                .put("out_trade_no", refund.paymentId())
                .put("refund_amount", DecimalAmounts.format(refund.amountMinor(), CNY_EXPONENT))
                .put("out_request_no", refund.refundId())
                .put("refund_reason", "PaySaga refund " + refund.refundId());
        return call(REFUND, biz, false).chain(reply -> {
            if (reply.isSuccess() && "Y".equals(reply.text("fund_change"))) {
                return Uni.createFrom().item(new ChannelRefund.Refunded(reply.text("trade_no"), amount(reply.text("refund_fee"))));
            }
            if (reply.isSuccess()) {
                return queryRefund(refund).map(outcome -> outcome instanceof ChannelRefund.NotFound
                        ? new ChannelRefund.Processing() : outcome);
            }
            if (reply.isBusinessFailure() && !reply.isSystemError()) {
                return Uni.createFrom().item(new ChannelRefund.Declined(reply.subCode(), reply.subMessage()));
            }
            return Uni.createFrom().failure(reply.unavailable());
        });
    }

    /** {@code alipay.trade.fastpay.refund.query}: REFUND_SUCCESS is refunded; an answer without a status, no such refund. */
    @Override
    public Uni<ChannelRefund.Outcome> queryRefund(ChannelRefund refund) {
        ObjectNode biz = json.createObjectNode().put("out_trade_no", refund.paymentId())
                .put("out_request_no", refund.refundId());
        return call(REFUND_QUERY, biz, false).map(reply -> {
            if (!reply.isSuccess()) {
                if (reply.isBusinessFailure() && "ACQ.TRADE_NOT_EXIST".equals(reply.subCode())) {
                    return new ChannelRefund.NotFound();
                }
                throw reply.unavailable();
            }
            String status = reply.text("refund_status");
            if (status == null) {
                return new ChannelRefund.NotFound();
            }
            if (!"REFUND_SUCCESS".equals(status)) {
                throw new ChannelUnavailableException("unknown refund_status " + status);
            }
            if (!Long.valueOf(refund.amountMinor()).equals(amount(reply.text("refund_amount")))) {
                throw new ChannelUnavailableException("refund query answered another amount for " + refund.refundId());
            }
            return new ChannelRefund.Refunded(reply.text("trade_no"), null);
        });
    }

    /**
     * {@code alipay.data.dataservice.bill.downloadurl.query} {@code {bill_type: trade, bill_date}} answers a signed
     * {@code bill_download_url}; the zip behind it is fetched only from the configured bill host (scheme, host and
     * port), unsigned as at Alipay (the URL's own token admits it), and read by {@link AlipayBill}, which refuses the
     * whole file on anything it cannot read. {@code isp.bill_not_exist} is a day without a bill: an empty statement.
     */
    @Override
    public ZoneId statementZone() {
        return BEIJING;
    }

    @Override
    public Uni<ChannelStatement> statement(LocalDate day) {
        ObjectNode biz = json.createObjectNode().put("bill_type", "trade").put("bill_date", day.toString());
        return call(BILL_URL_QUERY, biz, false).chain(reply -> {
            if (reply.isBusinessFailure() && BILL_NOT_EXIST.equals(reply.subCode())) {
                return Uni.createFrom().item(new ChannelStatement(NAME, day, List.of()));
            }
            if (!reply.isSuccess()) {
                return Uni.createFrom().failure(reply.unavailable());
            }
            URI file = billUrl(reply.text("bill_download_url"));
            return downloadBill(file).map(zip -> {
                try {
                    return AlipayBill.read(zip, day, pid);
                } catch (IllegalArgumentException e) {
                    throw new ChannelUnavailableException("trade bill of " + day + " refused: " + e.getMessage());
                }
            });
        });
    }

    /** The download URL, if it is on the configured bill host; a signed answer naming another host is still refused. */
    private URI billUrl(String url) {
        URI file;
        try {
            file = new URI(url == null ? "" : url);
        } catch (URISyntaxException e) {
            throw new ChannelUnavailableException("trade bill answered an unreadable bill_download_url");
        }
        if (!billDownloadBase.getScheme().equalsIgnoreCase(String.valueOf(file.getScheme()))
                || !Objects.equals(billDownloadBase.getRawAuthority(), file.getRawAuthority())
                || file.getRawUserInfo() != null) {
            throw new ChannelUnavailableException("trade bill download refused: bill_download_url is not on the "
                    + "configured bill host " + billDownloadBase.getScheme() + "://" + billDownloadBase.getRawAuthority());
        }
        return file;
    }

    private Uni<byte[]> downloadBill(URI file) {
        return Uni.createFrom().item(() -> client.getAbs(file.toString()).timeout(requestTimeoutMillis))
                .chain(request -> request.send())
                .onFailure().transform(e -> GatewayFailures.of("bill download", e))
                .map(response -> {
                    if (response.statusCode() != 200) {
                        throw new ChannelUnavailableException("bill download answered HTTP " + response.statusCode());
                    }
                    Buffer body = response.body();
                    if (body == null || body.length() > MAX_BILL_DOWNLOAD_BYTES) {
                        throw new ChannelUnavailableException("bill download answered " + (body == null ? "nothing"
                                : "more than " + MAX_BILL_DOWNLOAD_BYTES + " bytes"));
                    }
                    return body.getBytes();
                });
    }

    private ChannelTrade tradeFromQuery(String paymentId, AlipayReply reply) {
        if (reply.isBusinessFailure() && "ACQ.TRADE_NOT_EXIST".equals(reply.subCode())) {
            return ChannelTrade.of(paymentId, ChannelTrade.State.NOT_FOUND);
        }
        if (!reply.isSuccess()) {
            throw reply.unavailable();
        }
        if (!paymentId.equals(reply.text("out_trade_no"))) {
            throw new ChannelUnavailableException("query answered about another trade");
        }
        String status = reply.text("trade_status");
        ChannelTrade.State state = tradeState(status);
        if (state == null) {
            throw new ChannelUnavailableException("unknown trade_status " + status);
        }
        Long amount = state == ChannelTrade.State.PAID ? amount(reply.text("total_amount")) : null;
        return new ChannelTrade(paymentId, state, reply.text("trade_no"), amount);
    }

    private static ChannelTrade.State tradeState(String tradeStatus) {
        if (tradeStatus == null) {
            return null;
        }
        if (PAID_STATES.contains(tradeStatus)) {
            return ChannelTrade.State.PAID;
        }
        return switch (tradeStatus) {
            case "TRADE_CLOSED" -> ChannelTrade.State.CLOSED;
            case "WAIT_BUYER_PAY" -> ChannelTrade.State.WAITING;
            default -> null;
        };
    }

    private static Long amount(String yuan) {
        try {
            return DecimalAmounts.parse(yuan, CNY_EXPONENT);
        } catch (IllegalArgumentException e) {
            throw new ChannelUnavailableException("unreadable total_amount");
        }
    }

    // --- Notifications ---

    @Override
    public ChannelNotification parseAndVerify(InboundNotification inbound) {
        Map<String, String> form = FormBody.parse(inbound.body());
        if (form == null) {
            throw new NotificationRefusedException("malformed", null);
        }
        String claimed = form.get("out_trade_no");
        String paymentId = Ids.isValid("pay", claimed) ? claimed : null; // only a well-formed id reaches a log
        String sign = form.get("sign");
        if (sign == null || sign.isEmpty()) {
            throw new NotificationRefusedException("unsigned", paymentId);
        }
        if (!"RSA2".equals(form.get("sign_type"))) {
            throw new NotificationRefusedException("unsupported_sign_type", paymentId);
        }
        String content = AlipaySignatures.content(form, AlipaySignatures.NOTIFICATION_EXCLUDED);
        if (!AlipaySignatures.verify(content, sign, keys.platformPublicKey())) {
            throw new NotificationRefusedException("bad_signature", paymentId);
        }
        if (!appId.equals(form.get("app_id"))) {
            throw new NotificationRefusedException("unknown_app", paymentId);
        }
        String notifyId = form.get("notify_id");
        ChannelTrade.State state = tradeState(form.get("trade_status"));
        if (paymentId == null || notifyId == null || notifyId.isEmpty() || state == null) {
            throw new NotificationRefusedException("malformed", paymentId);
        }
        Long amount = null;
        if (form.get("total_amount") != null) {
            try {
                amount = DecimalAmounts.parse(form.get("total_amount"), CNY_EXPONENT);
            } catch (IllegalArgumentException e) {
                throw new NotificationRefusedException("malformed", paymentId);
            }
        }
        return new ChannelNotification(NAME, notifyId, new ChannelTrade(paymentId, state, form.get("trade_no"), amount));
    }

    @Override
    public CallbackReply acknowledgement() {
        return new CallbackReply(MediaType.TEXT_PLAIN, "success");
    }

    /** Alipay reads only the body: anything but {@code success} means "send it again". */
    @Override
    public CallbackReply refusal(String why) {
        return new CallbackReply(MediaType.TEXT_PLAIN, "fail");
    }

    // --- The gateway call ---

    private Uni<AlipayReply> call(String method, ObjectNode biz, boolean withNotifyUrl) {
        return Uni.createFrom().item(() -> formBody(method, biz, withNotifyUrl))
                .chain(body -> client.postAbs(gatewayUrl)
                        .timeout(requestTimeoutMillis)
                        .putHeader(HttpHeaders.CONTENT_TYPE.toString(), "application/x-www-form-urlencoded;charset=utf-8")
                        .sendBuffer(Buffer.buffer(body)))
                // Only a failure to connect proves nothing was sent (failover is safe); see GatewayFailures.
                .onFailure().transform(e -> GatewayFailures.of(method, e))
                .map(response -> {
                    if (response.statusCode() != 200) {
                        throw new ChannelUnavailableException(method + " answered HTTP " + response.statusCode());
                    }
                    String text = response.bodyAsString(StandardCharsets.UTF_8.name());
                    return verifiedReply(method, text == null ? "" : text);
                });
    }

    private String formBody(String method, ObjectNode biz, boolean withNotifyUrl) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("app_id", appId);
        params.put("method", method);
        params.put("format", "JSON");
        params.put("charset", "utf-8");
        params.put("sign_type", "RSA2");
        params.put("timestamp", ZonedDateTime.now(BEIJING).format(TIMESTAMP));
        params.put("version", "1.0");
        if (withNotifyUrl) {
            params.put("notify_url", notifyUrl);
        }
        params.put("biz_content", biz.toString());
        Masked<String> sign = AlipaySignatures.sign(
                AlipaySignatures.content(params, AlipaySignatures.REQUEST_EXCLUDED), keys.appPrivateKey());
        params.put("sign", sign.reveal());
        return params.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** The response node, believed only if its exact text verifies against Alipay's key. */
    AlipayReply verifiedReply(String method, String body) {
        String nodeName = AlipayResponses.nodeName(method);
        String node = AlipayResponses.topLevelValue(body, nodeName)
                .or(() -> AlipayResponses.topLevelValue(body, "error_response"))
                .orElseThrow(() -> new ChannelUnavailableException(method + " answered no " + nodeName));
        String sign;
        JsonNode parsed;
        try {
            sign = json.readTree(body).path("sign").asText(null);
            parsed = json.readTree(node);
        } catch (IOException e) {
            throw new ChannelUnavailableException(method + " answered unreadable JSON");
        }
        if (sign == null || sign.isEmpty()) {
            // Alipay leaves some gateway errors unsigned; an unsigned answer is never believed.
            throw new ChannelUnavailableException(method + " answered unsigned (code " + parsed.path("code").asText() + ")");
        }
        if (!AlipaySignatures.verify(node, sign, keys.platformPublicKey())) {
            LOG.errorf("%s response signature does not verify against Alipay's public key: ignored", method);
            throw new ChannelUnavailableException(method + " response signature invalid");
        }
        return new AlipayReply(method, parsed);
    }

    /** A verified response node: {@code code}, {@code msg}, {@code sub_code}, {@code sub_msg} and the method's fields. */
    record AlipayReply(String method, JsonNode node) {
        String text(String field) {
            JsonNode value = node.get(field);
            return value == null || value.isNull() ? null : value.asText();
        }

        String code() {
            return text("code");
        }

        String subCode() {
            return text("sub_code");
        }

        String subMessage() {
            return text("sub_msg");
        }

        boolean isSuccess() {
            return SUCCESS.equals(code());
        }

        boolean isBusinessFailure() {
            return BUSINESS_FAILED.equals(code());
        }

        /** ACQ.SYSTEM_ERROR and the like: the outcome is unknown, retry. */
        boolean isSystemError() {
            String sub = subCode();
            String upper = sub == null ? "" : sub.toUpperCase(java.util.Locale.ROOT);
            return sub == null || upper.endsWith("SYSTEM_ERROR") || upper.endsWith("UNKNOW-ERROR");
        }

        ChannelUnavailableException unavailable() {
            return new ChannelUnavailableException(method + " answered " + code() + "/" + subCode());
        }
    }
}

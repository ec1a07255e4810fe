package dev.paysaga.channel.unionpay;

import dev.paysaga.channel.alipay.FormBody;
import dev.paysaga.channel.domain.ChannelNotification;
import dev.paysaga.channel.domain.ChannelRefund;
import dev.paysaga.channel.domain.ChannelStatement;
import dev.paysaga.channel.domain.ChannelTrade;
import dev.paysaga.channel.domain.ChannelUnavailableException;
import dev.paysaga.channel.domain.NotificationRefusedException;
import dev.paysaga.channel.gateway.HttpChannel;
import dev.paysaga.channel.gateway.GatewayFailures;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * UnionPay ACP 5.1.0 (signMethod 01), the QR-code consume the customer scans with a UnionPay app (bizType 000000):
 * <ul>
 * <li>create: {@code backTransReq.do} txnType 01 / txnSubType 07 → {@code qrCode} ({@code next_action qr_code});</li>
 * <li>query: {@code queryTrans.do} txnType 00 by (orderId, txnTime): origRespCode 00 paid, 03/04/05 waiting,
 * any other failed; respCode 34 "no such transaction" (a QR code nobody paid yet);</li>
 * <li>close: UnionPay has no close for an unpaid QR consume; it stops being payable at its {@code payTimeout}. So
 * close asks first: paid → paid; otherwise closed once payTimeout has passed, and "unknown" (503, retried) before;</li>
 * <li>{@link #undo consumeUndo} (31, the same day, whole amount) and {@link #refund} (04), addressed by the
 * consume's queryId; not on the port yet (refunds are not), confirmed by querying their own orderId;</li>
 * <li>{@link #statement}: the file transfer (txnType 76, fileType 00) of a settle date, its zip's ZM file read
 * by {@link ZmFile};</li>
 * <li>back notifications to {@code <notify-base-url>/unionpay}: form-encoded, believed only through
 * {@link AcpVerifier}; HTTP 200 stops UnionPay's resends.</li>
 * </ul>
 * Every request is signed with our merchant key (certId = our certificate's serial); every answer is verified the
 * same way as a notification. Amounts are integer fen, CNY (currencyCode 156) only.
 */
@Singleton
public class UnionPayChannel extends HttpChannel {
    public static final String NAME = "unionpay";
    static final String VERSION = "5.1.0";
    static final String SIGN_METHOD_RSA = "01";
    static final String BACK_TRANS = "/gateway/api/backTransReq.do";
    static final String QUERY_TRANS = "/gateway/api/queryTrans.do";
    /** The file transfer answer when UnionPay has no file of that settle date ("文件不存在"). */
    static final String NO_FILE = "98";
    private static final DateTimeFormatter SETTLE_DATE = DateTimeFormatter.ofPattern("MMdd");
    /** Back transactions answered with these are not refused but unknown: query later (UnionPay's SDK demos). */
    private static final Set<String> ASK_LATER = Set.of("03", "04", "05", "01", "12", "34", "60");
    /** Our request was malformed or badly signed: our configuration, never the customer's decline. */
    private static final Set<String> OUR_FAULT = Set.of("10", "11");
    private static final Set<String> PAID = Set.of("00", "A6");
    private static final Set<String> PROCESSING = Set.of("03", "04", "05");
    private static final Pattern FEN = Pattern.compile("[0-9]{1,12}");
    private static final Logger LOG = Logger.getLogger(UnionPayChannel.class);

    private final UnionPayKeys keys;
    private final URI baseUrl;
    private final URI fileTransferUrl;
    private final String merId;
    private final String backUrl;
    private final Duration payTimeout;
    private final Duration notificationMaxAge;
    private final Clock clock;

    UnionPayChannel(UnionPayKeys keys, Vertx vertx,
            @ConfigProperty(name = "paysaga.channels.unionpay.base-url") URI baseUrl,
            @ConfigProperty(name = "paysaga.channels.unionpay.file-transfer-url") URI fileTransferUrl,
            @ConfigProperty(name = "paysaga.channels.unionpay.mer-id") String merId,
            @ConfigProperty(name = "paysaga.channels.notify-base-url") String notifyBaseUrl,
            @ConfigProperty(name = "paysaga.channels.unionpay.pay-timeout", defaultValue = "PT15M") Duration payTimeout,
            @ConfigProperty(name = "paysaga.channels.unionpay.notification-max-age", defaultValue = "P1D") Duration notificationMaxAge,
            @ConfigProperty(name = "paysaga.channels.unionpay.connect-timeout", defaultValue = "PT2S") Duration connectTimeout,
            @ConfigProperty(name = "paysaga.channels.unionpay.request-timeout", defaultValue = "PT10S") Duration requestTimeout) {
        super(NAME, "CNY"::equals, vertx, connectTimeout, requestTimeout);
        this.keys = keys;
        this.baseUrl = baseUrl;
        this.fileTransferUrl = fileTransferUrl;
        this.merId = merId;
        this.backUrl = notifyBaseUrl + "/" + NAME;
        this.payTimeout = payTimeout;
        this.notificationMaxAge = notificationMaxAge;
        this.clock = Clock.systemUTC();
    }

    // --- Consume (QR code), query, close ---

    @Override
    public Uni<CreateResult> create(ChannelPayment payment) {
        Instant payableUntil = OrderIds.createdAt(payment.paymentId()).plus(payTimeout);
        if (clock.instant().isAfter(payableUntil)) {
            // txnTime must be the time the order is sent and the QR code would be dead on arrival: nothing to ask.
            return Uni.createFrom().item(new Declined("order_expired", "payTimeout " + payableUntil + " has passed"));
        }
        Map<String, String> fields = common("01", "07", OrderIds.orderId(payment.paymentId()),
                OrderIds.txnTime(payment.paymentId()));
        fields.put("channelType", "08");
        fields.put("txnAmt", Long.toString(payment.amountMinor()));
        fields.put("currencyCode", "156");
        fields.put("backUrl", backUrl);
        fields.put("payTimeout", OrderIds.format(OrderIds.createdAt(payment.paymentId()).plus(payTimeout)));
        return call("consume", BACK_TRANS, fields).map(reply -> {
            String code = reply.get("respCode");
            if ("00".equals(code)) {
                String qrCode = reply.get("qrCode");
                if (qrCode == null || qrCode.isEmpty()) {
                    throw new ChannelUnavailableException("consume accepted without a qrCode");
                }
                return new Created(Map.of("type", "qr_code", "qr_code", qrCode));
            }
            if (code == null || ASK_LATER.contains(code) || OUR_FAULT.contains(code)) {
                throw unavailable("consume", code);
            }
            return new Declined(code, reply.get("respMsg"));
        });
    }

    @Override
    public Uni<ChannelTrade> query(ChannelPayment payment) {
        return queryOrder(payment.paymentId(), OrderIds.orderId(payment.paymentId()), OrderIds.txnTime(payment.paymentId()))
                .map(reply -> {
                    if ("34".equals(reply.get("respCode"))) {
                        return ChannelTrade.of(payment.paymentId(), ChannelTrade.State.NOT_FOUND);
                    }
                    ChannelTrade.State state = origState(reply.get("origRespCode"));
                    Long amount = state == ChannelTrade.State.PAID ? fen(reply.get("txnAmt")) : null;
                    return new ChannelTrade(payment.paymentId(), state, reply.get("queryId"), amount);
                });
    }

    @Override
    public Uni<ChannelTrade> close(ChannelPayment payment) {
        return query(payment).map(trade -> switch (trade.state()) {
            case PAID, CLOSED -> trade;
            case WAITING, NOT_FOUND -> {
                Instant payableUntil = OrderIds.createdAt(payment.paymentId()).plus(payTimeout);
                if (clock.instant().isAfter(payableUntil)) {
                    yield ChannelTrade.of(payment.paymentId(), ChannelTrade.State.CLOSED);
                }
                throw new ChannelUnavailableException("UnionPay cannot close an open QR consume; it expires at payTimeout "
                        + payableUntil);
            }
        });
    }

    /** The result of a consumeUndo or refund: accepted (then confirmed by {@link #transactionSucceeded}) or refused. */
    public record Reversal(String orderId, String txnTime, boolean accepted, String respCode, String queryId) {
    }

    /** consumeUndo (txnType 31) of the paid consume {@code origQryId}: the whole amount, the day it was paid. */
    public Uni<Reversal> undo(ChannelPayment payment, String origQryId, String undoOrderId) {
        return reverse("31", payment.amountMinor(), origQryId, undoOrderId);
    }

    /** Refund (txnType 04) of {@code amountMinor} of the paid consume {@code origQryId}, under its own orderId. */
    public Uni<Reversal> refund(long amountMinor, String origQryId, String refundOrderId) {
        return reverse("04", amountMinor, origQryId, refundOrderId);
    }

    /** Whether an undo or refund (by its own orderId and txnTime) has succeeded; null while unknown. */
    public Uni<Boolean> transactionSucceeded(String orderId, String txnTime) {
        return queryOrder(null, orderId, txnTime).map(reply -> {
            if ("34".equals(reply.get("respCode"))) {
                return null;
            }
            return switch (origState(reply.get("origRespCode"))) {
                case PAID -> true;
                case CLOSED -> false;
                case WAITING, NOT_FOUND -> null;
            };
        });
    }

    /**
     * A refund through the port: txnType 04 of the paid consume ({@code channelTradeNo} = its queryId) under
     * an orderId and txnTime taken from the refund id itself, so asking again names the same refund and
     * UnionPay answers it, never a second one. Confirmed by querying that orderId.
     */
    @Override
    public Uni<ChannelRefund.Outcome> refund(ChannelRefund refund) {
        if (refund.channelTradeNo() == null) {
            return Uni.createFrom().failure(new ChannelUnavailableException("refund of " + refund.paymentId()
                    + " without the consume's queryId"));
        }
        String orderId = OrderIds.refundOrderId(refund.refundId());
        String txnTime = OrderIds.txnTimeOf(refund.refundId());
        return reverse("04", refund.amountMinor(), refund.channelTradeNo(), orderId, txnTime).chain(reversal -> {
            if (!reversal.accepted()) {
                return Uni.createFrom().item(new ChannelRefund.Declined(reversal.respCode(), "UnionPay refused the refund"));
            }
            return queryRefund(refund).map(outcome -> outcome instanceof ChannelRefund.NotFound
                    ? new ChannelRefund.Processing() : outcome);
        });
    }

    /** The refund's own orderId queried: succeeded → refunded, failed → declined, unknown to UnionPay → not found. */
    @Override
    public Uni<ChannelRefund.Outcome> queryRefund(ChannelRefund refund) {
        return transactionSucceeded(OrderIds.refundOrderId(refund.refundId()), OrderIds.txnTimeOf(refund.refundId()))
                .map(succeeded -> succeeded == null ? new ChannelRefund.NotFound()
                        : succeeded ? new ChannelRefund.Refunded(null, null)
                        : new ChannelRefund.Declined("refund_failed", "UnionPay says the refund failed"));
    }

    private Uni<Reversal> reverse(String txnType, long amountMinor, String origQryId, String orderId) {
        return reverse(txnType, amountMinor, origQryId, orderId, OrderIds.format(clock.instant()));
    }

    private Uni<Reversal> reverse(String txnType, long amountMinor, String origQryId, String orderId, String txnTime) {
        Map<String, String> fields = common(txnType, "00", orderId, txnTime);
        fields.put("channelType", "08");
        fields.put("origQryId", origQryId);
        fields.put("txnAmt", Long.toString(amountMinor));
        fields.put("currencyCode", "156");
        fields.put("backUrl", backUrl);
        String what = "31".equals(txnType) ? "consumeUndo" : "refund";
        return call(what, BACK_TRANS, fields).map(reply -> {
            String code = reply.get("respCode");
            if (code == null || ASK_LATER.contains(code) || OUR_FAULT.contains(code)) {
                throw unavailable(what, code);
            }
            return new Reversal(orderId, txnTime, "00".equals(code), code, reply.get("queryId"));
        });
    }

    private Uni<Map<String, String>> queryOrder(String paymentId, String orderId, String txnTime) {
        return call("query", QUERY_TRANS, common("00", "00", orderId, txnTime)).map(reply -> {
            String code = reply.get("respCode");
            if ("34".equals(code)) {
                return reply;
            }
            if (!"00".equals(code)) {
                throw unavailable("query", code);
            }
            if (!orderId.equals(reply.get("orderId"))) {
                throw new ChannelUnavailableException("query answered about another order");
            }
            return reply;
        });
    }

    /** origRespCode of a found transaction: 00/A6 paid, 03/04/05 still processing, anything else failed. */
    private static ChannelTrade.State origState(String origRespCode) {
        if (origRespCode == null) {
            throw new ChannelUnavailableException("query answered without origRespCode");
        }
        if (PAID.contains(origRespCode)) {
            return ChannelTrade.State.PAID;
        }
        return PROCESSING.contains(origRespCode) ? ChannelTrade.State.WAITING : ChannelTrade.State.CLOSED;
    }

    private static Long fen(String txnAmt) {
        if (txnAmt == null || !FEN.matcher(txnAmt).matches()) {
            throw new ChannelUnavailableException("unreadable txnAmt");
        }
        return Long.parseLong(txnAmt);
    }

    // --- Reconciliation file ---

    /**
     * The merchant's files of a settle date (UnionPay's day, Beijing; {@code settleDate} is MMdd): the ACP file
     * transfer (txnType 76, txnSubType 01, fileType 00) to the file transfer endpoint, its answer verified as every
     * answer is. 00: {@code fileContent} is Base64 of the zlib-deflated zip ({@link AcpFileContent}), whose ZM file
     * for that day is the statement ({@link ZmFile}). 98 (no file of that date): an empty statement. Anything else,
     * and a file that cannot be read whole, is {@link ChannelUnavailableException}.
     */
    @Override
    public ZoneId statementZone() {
        return OrderIds.BEIJING;
    }

    @Override
    public Uni<ChannelStatement> statement(LocalDate day) {
        Map<String, String> fields = new TreeMap<>();
        fields.put("version", VERSION);
        fields.put("encoding", "UTF-8");
        fields.put("signMethod", SIGN_METHOD_RSA);
        fields.put("txnType", "76");
        fields.put("txnSubType", "01");
        fields.put("bizType", "000000");
        fields.put("accessType", "0");
        fields.put("merId", merId);
        fields.put("settleDate", day.format(SETTLE_DATE));
        fields.put("txnTime", OrderIds.format(clock.instant()));
        fields.put("fileType", "00");
        return call("file transfer", fileTransferUrl, fields).map(reply -> {
            String code = reply.get("respCode");
            if (NO_FILE.equals(code)) {
                return new ChannelStatement(NAME, day, List.of());
            }
            if (!"00".equals(code)) {
                throw unavailable("file transfer", code);
            }
            String content = reply.get("fileContent");
            if (content == null || content.isEmpty()) {
                throw new ChannelUnavailableException("file transfer answered 00 without fileContent");
            }
            try {
                return ZmFile.statement(AcpFileContent.entries(content), day, merId);
            } catch (IllegalArgumentException e) {
                // The message names records and fields, never their values (帐号 is a card number).
                throw new ChannelUnavailableException("reconciliation file unreadable: " + e.getMessage());
            }
        });
    }

    // --- Back notifications ---

    @Override
    public ChannelNotification parseAndVerify(InboundNotification inbound) {
        Map<String, String> form = FormBody.parse(inbound.body());
        if (form == null) {
            throw new NotificationRefusedException("malformed", null);
        }
        String paymentId = OrderIds.paymentId(form.get("orderId")); // only a well-formed id reaches a log
        String refusal = AcpVerifier.refusal(form, keys.signers(), clock.instant());
        if (refusal != null) {
            throw new NotificationRefusedException(refusal, paymentId);
        }
        if (!merId.equals(form.get("merId"))) {
            throw new NotificationRefusedException("unknown_merchant", paymentId);
        }
        if (tooOld(form.get("txnTime"))) {
            // Past the time UnionPay resends in (and our duplicate memory), a notification is a replay: refused.
            throw new NotificationRefusedException("expired", paymentId);
        }
        String queryId = form.get("queryId");
        String respCode = form.get("respCode");
        if (queryId == null || queryId.isEmpty() || respCode == null || !"01".equals(form.get("txnType"))
                && !"31".equals(form.get("txnType")) && !"04".equals(form.get("txnType"))) {
            throw new NotificationRefusedException("malformed", paymentId);
        }
        String notificationId = form.get("orderId") + ":" + form.get("txnTime") + ":" + queryId + ":" + respCode;
        if (!"01".equals(form.get("txnType"))) {
            // An undo's or refund's own notification (their orderIds are not payments): taken, nothing to resolve here.
            return new ChannelNotification(NAME, notificationId, new ChannelTrade(null, ChannelTrade.State.WAITING, queryId, null));
        }
        if (paymentId == null) {
            throw new NotificationRefusedException("malformed", null);
        }
        ChannelTrade.State state = PAID.contains(respCode) ? ChannelTrade.State.PAID
                : PROCESSING.contains(respCode) ? ChannelTrade.State.WAITING : ChannelTrade.State.CLOSED;
        Long amount;
        try {
            amount = fen(form.get("txnAmt"));
        } catch (ChannelUnavailableException e) {
            throw new NotificationRefusedException("malformed", paymentId);
        }
        return new ChannelNotification(NAME, notificationId, new ChannelTrade(paymentId, state, queryId, amount));
    }

    private boolean tooOld(String txnTime) {
        try {
            LocalDateTime sent = LocalDateTime.parse(txnTime == null ? "" : txnTime, OrderIds.TXN_TIME);
            return sent.atZone(OrderIds.BEIJING).toInstant().isBefore(clock.instant().minus(notificationMaxAge));
        } catch (DateTimeParseException e) {
            return true;
        }
    }

    /** UnionPay reads only the status: 200 stops its resends. */
    @Override
    public CallbackReply acknowledgement() {
        return new CallbackReply(MediaType.TEXT_PLAIN, "ok");
    }

    @Override
    public CallbackReply refusal(String why) {
        return new CallbackReply(MediaType.TEXT_PLAIN, "fail");
    }

    // --- The gateway call ---

    private Map<String, String> common(String txnType, String txnSubType, String orderId, String txnTime) {
        Map<String, String> fields = new TreeMap<>();
        fields.put("version", VERSION);
        fields.put("encoding", "UTF-8");
        fields.put("signMethod", SIGN_METHOD_RSA);
        fields.put("txnType", txnType);
        fields.put("txnSubType", txnSubType);
        fields.put("bizType", "000000");
        fields.put("accessType", "0");
        fields.put("merId", merId);
        fields.put("orderId", orderId);
        fields.put("txnTime", txnTime);
        return fields;
    }

    private Uni<Map<String, String>> call(String what, String path, Map<String, String> fields) {
        return call(what, baseUrl.resolve(path), fields);
    }

    private Uni<Map<String, String>> call(String what, URI url, Map<String, String> fields) {
        return Uni.createFrom().item(() -> signedBody(fields))
                .chain(body -> client.postAbs(url.toString())
                        .timeout(requestTimeoutMillis)
                        .putHeader("Content-Type", "application/x-www-form-urlencoded;charset=UTF-8")
                        .sendBuffer(Buffer.buffer(body)))
                // Only a failure to connect proves nothing was sent (failover is safe); see GatewayFailures.
                .onFailure().transform(e -> GatewayFailures.of(what, e))
                .map(response -> {
                    if (response.statusCode() != 200) {
                        throw new ChannelUnavailableException(what + " answered HTTP " + response.statusCode());
                    }
                    return verified(what, response.bodyAsString(StandardCharsets.UTF_8.name()));
                });
    }

    private String signedBody(Map<String, String> fields) {
        Map<String, String> signed = new LinkedHashMap<>(fields);
        signed.put("certId", keys.certId());
        signed.put(AcpSignatures.SIGNATURE, AcpSignatures.sign(signed, keys.merchantPrivateKey()).reveal());
        return AcpMessages.formBody(signed);
    }

    private Map<String, String> verified(String what, String body) {
        Map<String, String> fields = AcpMessages.parseAnswer(body);
        if (fields == null) {
            throw new ChannelUnavailableException(what + " answered no ACP fields");
        }
        String refusal = AcpVerifier.refusal(fields, keys.signers(), clock.instant());
        if (refusal != null) {
            if (!"unsigned".equals(refusal)) {
                LOG.errorf("UnionPay %s answer refused (%s): ignored", what, refusal);
            }
            throw new ChannelUnavailableException(what + " answer not believed: " + refusal);
        }
        if (!merId.equals(fields.get("merId"))) {
            throw new ChannelUnavailableException(what + " answered for another merchant");
        }
        return fields;
    }

    private static ChannelUnavailableException unavailable(String what, String respCode) {
        return new ChannelUnavailableException(what + " answered respCode " + respCode);
    }
}

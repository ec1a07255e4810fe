package dev.paysaga.sandbox.unionpay;

import dev.paysaga.sandbox.admin.Behaviours;
import dev.paysaga.sandbox.simulation.CustomerSimulator;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * UnionPay ACP 5.1.0 as the sandbox plays it, for the QR-code consume (bizType 000000): backTransReq.do takes the
 * consume (txnType 01, txnSubType 07: answers a qrCode), consumeUndo (31) and refund (04); queryTrans.do (00)
 * answers where a transaction stands. Every request is authenticated first — version 5.1.0, signMethod 01, our
 * merId, a certId naming the merchant's certificate and a signature that verifies with it — and refused with
 * respCode 11 otherwise, changing nothing. Every answer is signed by UnionPay's key with signPubKeyCert.
 * failure_rate answers HTTP 500 without a body and without any effect.
 */
@ApplicationScoped
public class UnionPayGateway {
    static final String CHANNEL = "unionpay";
    private static final Pattern ORDER_ID = Pattern.compile("[0-9A-Za-z]{8,40}");
    private static final Pattern AMOUNT = Pattern.compile("[1-9][0-9]{0,11}");
    private static final long MAX_FEN = 100_000_000_00L;

    private final UnionPayKeys keys;
    private final AcpTransactions transactions;
    private final Behaviours behaviours;
    private final CustomerSimulator customers;
    private final UnionPayNotifier notifier;
    private final String merId;

    public UnionPayGateway(UnionPayKeys keys, AcpTransactions transactions, Behaviours behaviours,
            CustomerSimulator customers, UnionPayNotifier notifier,
            @ConfigProperty(name = "paysaga.sandbox.unionpay.mer-id") String merId) {
        this.keys = keys;
        this.transactions = transactions;
        this.behaviours = behaviours;
        this.customers = customers;
        this.notifier = notifier;
        this.merId = merId;
    }

    /** An answer: HTTP status and, for 200, the fields before signing. */
    record Reply(int status, Map<String, String> fields) {
    }

    Reply back(Map<String, String> request) {
        Optional<Reply> refused = authenticate(request);
        if (refused.isPresent()) {
            return refused.get();
        }
        return switch (request.getOrDefault("txnType", "")) {
            case AcpCodes.CONSUME -> consume(request);
            case AcpCodes.UNDO -> undoOrRefund(request, true);
            case AcpCodes.REFUND -> undoOrRefund(request, false);
            default -> answer(request, AcpCodes.INVALID, "txnType 不支持");
        };
    }

    Reply query(Map<String, String> request) {
        Optional<Reply> refused = authenticate(request);
        if (refused.isPresent()) {
            return refused.get();
        }
        if (!AcpCodes.QUERY.equals(request.get("txnType"))) {
            return answer(request, AcpCodes.INVALID, "txnType 须为 00");
        }
        Optional<AcpTransaction> found = transactions.byOrderId(request.get("orderId"))
                .filter(tx -> tx.txnTime.equals(request.get("txnTime")));
        // A QR code nobody has paid yet is no transaction at UnionPay: 34, as for an unknown order.
        if (found.isEmpty() || (found.get().isConsume() && found.get().snapshot().state() == ConsumeState.WAITING)) {
            return answer(request, AcpCodes.NOT_FOUND, "查无此交易");
        }
        AcpTransaction.Snapshot tx = found.get().snapshot();
        Reply reply = answer(request, AcpCodes.SUCCESS, "成功[0000000]");
        boolean succeeded = !found.get().isConsume() || tx.state().paid();
        reply.fields().put("origRespCode", succeeded ? AcpCodes.SUCCESS : AcpCodes.DECLINED);
        reply.fields().put("origRespMsg", succeeded ? "成功[0000000]" : "交易失败");
        reply.fields().put("queryId", tx.queryId());
        reply.fields().put("txnAmt", Long.toString(tx.amountFen()));
        reply.fields().put("currencyCode", AcpCodes.CURRENCY_CNY);
        if (tx.origQryId() != null) {
            reply.fields().put("origQryId", tx.origQryId());
        }
        if (tx.traceNo() != null) {
            reply.fields().put("traceNo", tx.traceNo());
            reply.fields().put("traceTime", tx.traceTime());
            reply.fields().put("settleDate", tx.traceTime().substring(0, 4));
        }
        return reply;
    }

    /** The refusal of a request that is not genuinely our merchant's, or empty when it is. */
    Optional<Reply> authenticate(Map<String, String> request) {
        if (!AcpCodes.VERSION.equals(request.get("version")) || !AcpCodes.SIGN_METHOD_RSA.equals(request.get("signMethod"))
                || !"UTF-8".equalsIgnoreCase(request.get("encoding"))) {
            return Optional.of(answer(request, AcpCodes.INVALID, "version 须为 5.1.0, signMethod 01, encoding UTF-8"));
        }
        if (!merId.equals(request.get("merId"))) {
            return Optional.of(answer(request, AcpCodes.INVALID, "商户号不存在"));
        }
        if (!keys.signedByMerchant(request)) {
            return Optional.of(answer(request, AcpCodes.BAD_SIGNATURE, "验证签名失败"));
        }
        if (ThreadLocalRandom.current().nextDouble() < behaviours.of(CHANNEL).failureRate()) {
            return Optional.of(new Reply(500, null));
        }
        return Optional.empty();
    }

    private Reply consume(Map<String, String> request) {
        if (!AcpCodes.SUB_APPLY_QR.equals(request.get("txnSubType")) || !AcpCodes.BIZ_QR.equals(request.get("bizType"))) {
            return answer(request, AcpCodes.INVALID, "仅支持申请消费二维码 (txnSubType 07, bizType 000000)");
        }
        String invalid = invalidCommon(request);
        if (invalid != null) {
            return answer(request, AcpCodes.INVALID, invalid);
        }
        LocalDateTime payTimeout = request.containsKey("payTimeout") ? AcpTime.parse(request.get("payTimeout")) : null;
        if (request.containsKey("payTimeout") && payTimeout == null) {
            return answer(request, AcpCodes.INVALID, "payTimeout 格式错误");
        }
        long fen = Long.parseLong(request.get("txnAmt"));
        var created = transactions.createIfAbsent(request.get("orderId"), queryId -> new AcpTransaction(
                request.get("orderId"), request.get("txnTime"), AcpCodes.CONSUME, AcpCodes.SUB_APPLY_QR, fen,
                request.get("backUrl"), queryId, null, payTimeout));
        if (created.isEmpty()) {
            return new Reply(500, null);
        }
        AcpTransaction tx = created.get().transaction();
        if (!created.get().isNew()
                && (!tx.isConsume() || tx.amountFen != fen || !tx.txnTime.equals(request.get("txnTime")))) {
            return answer(request, AcpCodes.REPEATED, "重复交易：订单号已使用");
        }
        if (!created.get().isNew() && tx.snapshot().state() != ConsumeState.WAITING) {
            return answer(request, AcpCodes.REPEATED, "重复交易：订单已支付或已失败");
        }
        if (created.get().isNew()) {
            customers.onNewOrder(new UnionPayCustomerOrder(tx, notifier), behaviours.of(CHANNEL));
        }
        Reply reply = answer(request, AcpCodes.SUCCESS, "成功[0000000]");
        reply.fields().put("txnAmt", Long.toString(fen));
        reply.fields().put("currencyCode", AcpCodes.CURRENCY_CNY);
        reply.fields().put("qrCode", "https://qr.95516.com/sandbox/" + tx.queryId);
        return reply;
    }

    private Reply undoOrRefund(Map<String, String> request, boolean undo) {
        String invalid = invalidCommon(request);
        if (invalid != null) {
            return answer(request, AcpCodes.INVALID, invalid);
        }
        Optional<AcpTransaction> original = transactions.byQueryId(request.get("origQryId")).filter(AcpTransaction::isConsume);
        if (original.isEmpty()) {
            return answer(request, AcpCodes.NOT_FOUND, "原交易不存在");
        }
        // One reversal of a consume at a time: registering the new orderId and changing the consume are one step,
        // so a concurrent repeat of the same request cannot see the orderId registered before its outcome is known.
        synchronized (original.get()) {
            return reverse(request, original.get(), undo);
        }
    }

    private Reply reverse(Map<String, String> request, AcpTransaction consume, boolean undo) {
        long fen = Long.parseLong(request.get("txnAmt"));
        String txnType = undo ? AcpCodes.UNDO : AcpCodes.REFUND;
        var created = transactions.createIfAbsent(request.get("orderId"), queryId -> new AcpTransaction(
                request.get("orderId"), request.get("txnTime"), txnType, "00", fen, request.get("backUrl"), queryId,
                consume.queryId, null));
        if (created.isEmpty()) {
            return new Reply(500, null);
        }
        AcpTransaction tx = created.get().transaction();
        if (!created.get().isNew()) {
            // The same request again is answered as before; the orderId with other values is a repeat.
            boolean same = txnType.equals(tx.txnType) && tx.amountFen == fen && consume.queryId.equals(tx.origQryId);
            return same ? accepted(request, tx) : answer(request, AcpCodes.REPEATED, "重复交易：订单号已使用");
        }
        AcpTransaction.Snapshot after;
        if (undo) {
            after = fen == consume.amountFen ? consume.undo(AcpTime.now().toLocalDate()) : null;
        } else {
            after = consume.refund(fen);
        }
        if (after == null) {
            transactions.forget(tx);
            return answer(request, AcpCodes.INVALID, undo
                    ? "原交易不可撤销（仅当日、全额、未退货的成功交易）"
                    : "原交易不可退货或退货金额超限");
        }
        tx.taken(AcpTime.now());
        // Taken at once; like the consume's, its back notification goes to its backUrl (unless never_notify).
        var fields = notifier.notificationOf(tx.snapshot(), "00");
        tx.lastNotification(fields);
        if (!behaviours.of(CHANNEL).neverNotify()) {
            notifier.send(tx, fields);
        }
        return accepted(request, tx);
    }

    private Reply accepted(Map<String, String> request, AcpTransaction tx) {
        Reply reply = answer(request, AcpCodes.SUCCESS, "成功[0000000]");
        reply.fields().put("queryId", tx.queryId);
        reply.fields().put("origQryId", tx.origQryId);
        reply.fields().put("txnAmt", Long.toString(tx.amountFen));
        return reply;
    }

    /** What every back transaction needs; null when all is well, else what is wrong. */
    private static String invalidCommon(Map<String, String> request) {
        String orderId = request.get("orderId");
        if (orderId == null || !ORDER_ID.matcher(orderId).matches()) {
            return "orderId 须为 8 到 40 位字母数字";
        }
        if (AcpTime.parse(request.get("txnTime")) == null) {
            return "txnTime 格式错误";
        }
        String amount = request.get("txnAmt");
        if (amount == null || !AMOUNT.matcher(amount).matches() || Long.parseLong(amount) > MAX_FEN) {
            return "txnAmt 须为正整数（分）";
        }
        if (!AcpCodes.CURRENCY_CNY.equals(request.get("currencyCode"))) {
            return "currencyCode 仅支持 156";
        }
        String backUrl = request.get("backUrl");
        if (backUrl == null || !(backUrl.startsWith("http://") || backUrl.startsWith("https://"))) {
            return "backUrl 须为 http(s) 地址";
        }
        if (!"0".equals(request.get("accessType"))) {
            return "accessType 须为 0";
        }
        return null;
    }

    /** The common answer fields, echoing the request's, with this respCode. */
    static Reply answer(Map<String, String> request, String respCode, String respMsg) {
        Map<String, String> fields = new TreeMap<>();
        fields.put("version", AcpCodes.VERSION);
        fields.put("encoding", "UTF-8");
        fields.put("signMethod", AcpCodes.SIGN_METHOD_RSA);
        for (String echo : new String[] {"txnType", "txnSubType", "bizType", "accessType", "merId", "orderId", "txnTime"}) {
            String value = request.get(echo);
            if (value != null && !value.isEmpty()) {
                fields.put(echo, value);
            }
        }
        fields.put("respCode", respCode);
        fields.put("respMsg", respMsg);
        return new Reply(200, fields);
    }
}

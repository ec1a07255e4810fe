package dev.paysaga.sandbox.unionpay;

import dev.paysaga.sandbox.statements.ScriptedChannel;
import dev.paysaga.sandbox.statements.StatementScript;
import dev.paysaga.sandbox.statements.StatementScripts;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.MonthDay;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * UnionPay's file transfer ({@code POST https://filedownload.95516.com/}, txnType 76, txnSubType 01, fileType 00) as
 * the sandbox plays it: the request authenticated like every ACP request (respCode 11 for a bad signature); the
 * answer signed, with {@code fileName} {@code <merId>_<yyyyMMdd>.zip} and {@code fileContent} = Base64 of the
 * zlib-deflated zip, as UnionPay's SDK decodes it ({@code AcpService.deCodeFileContent}). The zip holds the ZM file
 * {@code INN<yyMMdd>88ZM_<merId>} (the day's consumes, refunds and undos, one fixed-width GBK record a line, CRLF)
 * and an empty ZME file. settleDate is MMdd: the latest such day up to today (Beijing); a day without transactions
 * (so also a day in the future, which names last year) answers 98, "文件不存在".
 *
 * <p>The layout is the widths of UnionPay's ACP SDK demo ({@code DemoBase.parseZMFile}); 交易代码 S22 / S30 / S31
 * (consume / refund / undo) are the sandbox's guess, not UnionPay's confirmed values. Like the real file, the 帐号
 * field holds a masked card number (the sandbox has no card: a fixed masked one). UnionPay's day ends at 23:00;
 * the sandbox's ends at midnight. A day's {@link StatementScript} is applied to its records before the file is zipped,
 * deflated and signed into the answer.
 */
@ApplicationScoped
public class UnionPayFiles implements ScriptedChannel {
    /** Field widths in bytes, in order (42 fields, one space between): UnionPay's SDK demo. */
    static final int[] WIDTHS = {3, 11, 11, 6, 10, 19, 12, 4, 2, 21, 2, 32, 2, 6, 10, 13, 13, 4, 15, 2, 2, 6, 2, 4, 32,
            1, 21, 15, 1, 15, 32, 13, 13, 8, 32, 13, 13, 12, 2, 1, 32, 98};
    static final Charset GBK = Charset.forName("GBK");
    private static final String MASKED_CARD = "6216***********0001";
    private static final String ACQUIRER = "48020000";
    private static final String SENDER = "00010000";

    private final AcpTransactions transactions;
    private final StatementScripts scripts;
    private final String merId;

    public UnionPayFiles(AcpTransactions transactions, StatementScripts scripts, @ConfigProperty(name = "paysaga.sandbox.unionpay.mer-id") String merId) {
        this.transactions = transactions;
        this.scripts = scripts;
        this.merId = merId;
    }

    UnionPayGateway.Reply transfer(Map<String, String> request) {
        if (!AcpCodes.FILE_TRANSFER.equals(request.get("txnType")) || !"01".equals(request.get("txnSubType"))
                || !"00".equals(request.get("fileType")) || !AcpCodes.BIZ_QR.equals(request.get("bizType"))
                || !"0".equals(request.get("accessType"))) {
            return UnionPayGateway.answer(request, AcpCodes.INVALID, "仅支持 txnType 76, txnSubType 01, fileType 00");
        }
        if (AcpTime.parse(request.get("txnTime")) == null) {
            return UnionPayGateway.answer(request, AcpCodes.INVALID, "txnTime 格式错误");
        }
        Optional<LocalDate> day = settleDay(request.get("settleDate"));
        if (day.isEmpty()) {
            return UnionPayGateway.answer(request, AcpCodes.INVALID, "settleDate 须为 MMDD");
        }
        List<AcpTransaction.Snapshot> taken = taken(day.get());
        UnionPayGateway.Reply reply;
        if (taken.isEmpty()) {
            reply = UnionPayGateway.answer(request, AcpCodes.NO_FILE, "文件不存在");
        } else {
            reply = UnionPayGateway.answer(request, AcpCodes.SUCCESS, "成功[0000000]");
            reply.fields().put("fileName", merId + "_" + day.get().format(DateTimeFormatter.BASIC_ISO_DATE) + ".zip");
            reply.fields().put("fileContent", Base64.getEncoder().encodeToString(deflate(zip(day.get(), taken))));
        }
        reply.fields().put("settleDate", request.get("settleDate"));
        reply.fields().put("fileType", "00");
        return reply;
    }

    /** The day's records: every transaction taken that day (Beijing), in order, then the day's script if any. */
    private List<AcpTransaction.Snapshot> taken(LocalDate day) {
        List<AcpTransaction.Snapshot> taken = transactions.all().stream().map(AcpTransaction::snapshot)
                .filter(tx -> tx.takenAt() != null && tx.takenAt().toLocalDate().equals(day))
                .sorted(Comparator.comparing(AcpTransaction.Snapshot::takenAt)).toList();
        return scripts.of(UnionPayGateway.CHANNEL, day).map(script -> script.applyTo(taken, new ScriptedRecords()))
                .orElse(taken);
    }

    @Override
    public String channel() {
        return UnionPayGateway.CHANNEL;
    }

    @Override
    public ZoneId zone() {
        return AcpTime.BEIJING;
    }

    /** Made-up queryIds like UnionPay's, for a consume or a refund (a refund has its own queryId). */
    @Override
    public StatementScript.Numbers numbers() {
        return new StatementScript.Numbers(transactions::nextQueryId, transactions::nextQueryId);
    }

    /** The script's view of the ZM records: our ids are the orderIds, {@code pay_X} as {@code payX}, {@code re_X} as {@code reX}. */
    private final class ScriptedRecords implements StatementScript.Rows<AcpTransaction.Snapshot> {
        @Override
        public String paymentId(AcpTransaction.Snapshot tx) {
            String orderId = tx.origQryId() == null ? tx.orderId()
                    : transactions.byQueryId(tx.origQryId()).map(consume -> consume.orderId).orElse("");
            return AcpOrderIds.ourId(orderId);
        }

        @Override
        public String refundId(AcpTransaction.Snapshot tx) {
            return tx.origQryId() == null ? null : AcpOrderIds.ourId(tx.orderId());
        }

        @Override
        public AcpTransaction.Snapshot withAmount(AcpTransaction.Snapshot tx, long fen) {
            return new AcpTransaction.Snapshot(tx.orderId(), tx.txnTime(), tx.txnType(), fen, tx.queryId(), tx.origQryId(),
                    tx.state(), tx.refundedFen(), tx.paidOn(), tx.traceNo(), tx.traceTime(), tx.notificationsSent(),
                    tx.notificationsAcknowledged(), tx.takenAt());
        }

        @Override
        public Optional<AcpTransaction.Snapshot> claimed(StatementScript.ClaimedRefund refund, Instant at) {
            return transactions.byOrderId(AcpOrderIds.orderId(refund.paymentId())).filter(AcpTransaction::isConsume)
                    .map(consume -> taken(AcpOrderIds.orderId(refund.refundId()), AcpCodes.REFUND, refund.amount(),
                            refund.channelRefundId(), consume.queryId, null, at));
        }

        @Override
        public AcpTransaction.Snapshot extra(StatementScript.ExtraTrade trade, Instant at) {
            return taken(AcpOrderIds.orderId(trade.paymentId()), AcpCodes.CONSUME, trade.amount(), trade.channelTradeNo(),
                    null, ConsumeState.PAID, at);
        }

        /** A transaction UnionPay took at {@code at} that the sandbox never held. */
        private AcpTransaction.Snapshot taken(String orderId, String txnType, long fen, String queryId, String origQryId,
                ConsumeState state, Instant at) {
            LocalDateTime time = LocalDateTime.ofInstant(at, AcpTime.BEIJING);
            return new AcpTransaction.Snapshot(orderId, AcpTime.format(time), txnType, fen, queryId, origQryId, state, 0,
                    time.toLocalDate(), AcpTransaction.traceNo(queryId), AcpTime.traceTime(time), 0, 0, time);
        }
    }

    /** MMdd as the latest such day up to today in Beijing; empty when it is no day. */
    static Optional<LocalDate> settleDay(String settleDate) {
        if (settleDate == null || !settleDate.matches("[0-9]{4}")) {
            return Optional.empty();
        }
        try {
            MonthDay monthDay = MonthDay.of(Integer.parseInt(settleDate.substring(0, 2)), Integer.parseInt(settleDate.substring(2)));
            LocalDate today = AcpTime.now().toLocalDate();
            int year = monthDay.isAfter(MonthDay.from(today)) ? today.getYear() - 1 : today.getYear();
            while (!monthDay.isValidYear(year)) {
                year--; // 29 February: the last leap year's
            }
            return Optional.of(monthDay.atYear(year));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    static String zmName(LocalDate day, String merId) {
        return "INN" + day.format(DateTimeFormatter.ofPattern("yyMMdd")) + "88ZM_" + merId;
    }

    private byte[] zip(LocalDate day, List<AcpTransaction.Snapshot> taken) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(zmName(day, merId)));
            for (AcpTransaction.Snapshot tx : taken) {
                zip.write(record(tx));
                zip.write(new byte[] {'\r', '\n'});
            }
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("INN" + day.format(DateTimeFormatter.ofPattern("yyMMdd")) + "88ZME_" + merId));
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** One ZM record: the 42 fields, text left-aligned and space-padded, amounts zero-padded. */
    byte[] record(AcpTransaction.Snapshot tx) {
        Optional<AcpTransaction.Snapshot> consume = tx.origQryId() == null ? Optional.empty()
                : transactions.byQueryId(tx.origQryId()).map(AcpTransaction::snapshot);
        String tradeCode = switch (tx.txnType()) {
            case AcpCodes.CONSUME -> "S22";
            case AcpCodes.REFUND -> "S30";
            default -> "S31";
        };
        String amount = String.format("%012d", tx.amountFen());
        String[] values = new String[WIDTHS.length];
        Arrays.fill(values, "");
        values[0] = tradeCode;
        values[1] = ACQUIRER;
        values[2] = SENDER;
        values[3] = tx.traceNo();
        values[4] = tx.traceTime();
        values[5] = MASKED_CARD;
        values[6] = amount;
        values[7] = "5811";
        values[8] = "08";
        values[9] = tx.queryId();
        values[11] = tx.orderId();
        values[12] = "01";
        values[13] = consume.map(AcpTransaction.Snapshot::traceNo).orElse("");
        values[14] = consume.map(AcpTransaction.Snapshot::traceTime).orElse("");
        values[15] = "0000000000000";
        values[16] = String.format("%013d", tx.amountFen());
        values[17] = "0001";
        values[19] = tx.txnType();
        values[20] = tx.txnType().equals(AcpCodes.CONSUME) ? AcpCodes.SUB_APPLY_QR : "00";
        values[21] = AcpCodes.BIZ_QR;
        values[22] = "01";
        values[26] = tx.origQryId() == null ? "" : tx.origQryId();
        values[27] = merId;
        values[32] = values[16];
        values[33] = "00000000";
        values[40] = consume.map(AcpTransaction.Snapshot::orderId).orElse("");
        return fixedWidth(values);
    }

    static byte[] fixedWidth(String[] values) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < WIDTHS.length; i++) {
            byte[] value = (values[i] == null ? "" : values[i]).getBytes(GBK);
            if (value.length > WIDTHS[i]) {
                throw new IllegalStateException("field " + (i + 1) + " is wider than " + WIDTHS[i]);
            }
            if (i > 0) {
                out.write(' ');
            }
            out.writeBytes(value);
            for (int pad = value.length; pad < WIDTHS[i]; pad++) {
                out.write(' ');
            }
        }
        return out.toByteArray();
    }

    /** zlib, as UnionPay's SDK inflates it ({@code SecureUtil.inflater}). */
    static byte[] deflate(byte[] bytes) {
        Deflater deflater = new Deflater();
        try {
            deflater.setInput(bytes);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }
}

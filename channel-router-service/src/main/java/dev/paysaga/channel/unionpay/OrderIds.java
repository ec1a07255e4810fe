package dev.paysaga.channel.unionpay;

import dev.paysaga.runtime.ids.Ids;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Our payment ids in UnionPay's terms. An orderId is 8–40 letters and digits (no {@code _}), so
 * {@code pay_01JD…} (30 characters) is sent as {@code pay01JD…} (29) and read back by putting the {@code _} again.
 * A consume is known at UnionPay by (orderId, txnTime), and txnTime must be the time the order was sent; the
 * payment id is a UUIDv7 whose first 48 bits are its creation time in milliseconds, so txnTime is that instant in
 * Beijing time: every create, retry, query and undo of one payment names the same pair without storing anything.
 */
public final class OrderIds {
    static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    static final DateTimeFormatter TXN_TIME = DateTimeFormatter.ofPattern("uuuuMMddHHmmss");
    private static final String PREFIX = "pay";
    private static final String REFUND_PREFIX = "re";
    private static final String CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    private OrderIds() {
    }

    public static String orderId(String paymentId) {
        if (!Ids.isValid(PREFIX, paymentId)) {
            throw new IllegalArgumentException("not a payment id");
        }
        return PREFIX + paymentId.substring(PREFIX.length() + 1);
    }

    /** The payment id of one of our orderIds, or null for anything else. */
    public static String paymentId(String orderId) {
        if (orderId == null || !orderId.startsWith(PREFIX)) {
            return null;
        }
        String candidate = PREFIX + "_" + orderId.substring(PREFIX.length());
        return Ids.isValid(PREFIX, candidate) ? candidate : null;
    }

    /** When the payment id was made: its first ten base-32 digits are the 48-bit millisecond timestamp. */
    public static Instant createdAt(String paymentId) {
        long millis = 0;
        for (int i = PREFIX.length() + 1; i < PREFIX.length() + 11; i++) {
            millis = (millis << 5) | CROCKFORD.indexOf(paymentId.charAt(i));
        }
        return Instant.ofEpochMilli(millis);
    }

    public static String txnTime(String paymentId) {
        return LocalDateTime.ofInstant(createdAt(paymentId), BEIJING).format(TXN_TIME);
    }

    /** A refund's own orderId: {@code re_X} as {@code reX} (28 letters and digits). */
    public static String refundOrderId(String refundId) {
        if (!Ids.isValid(REFUND_PREFIX, refundId)) {
            throw new IllegalArgumentException("not a refund id");
        }
        return REFUND_PREFIX + refundId.substring(REFUND_PREFIX.length() + 1);
    }

    /** The refund id of one of our refund orderIds, or null for anything else (a reversal made beside the port). */
    public static String refundId(String orderId) {
        if (orderId == null || !orderId.startsWith(REFUND_PREFIX)) {
            return null;
        }
        String candidate = REFUND_PREFIX + "_" + orderId.substring(REFUND_PREFIX.length());
        return Ids.isValid(REFUND_PREFIX, candidate) ? candidate : null;
    }

    /** A refund's txnTime: its id's creation time, so every retry of it names the same transaction. */
    public static String txnTimeOf(String refundId) {
        long millis = 0;
        for (int i = REFUND_PREFIX.length() + 1; i < REFUND_PREFIX.length() + 11; i++) {
            millis = (millis << 5) | CROCKFORD.indexOf(refundId.charAt(i));
        }
        return format(Instant.ofEpochMilli(millis));
    }

    public static String format(Instant at) {
        return LocalDateTime.ofInstant(at, BEIJING).format(TXN_TIME);
    }
}

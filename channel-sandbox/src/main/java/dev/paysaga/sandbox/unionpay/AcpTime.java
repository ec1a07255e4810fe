package dev.paysaga.sandbox.unionpay;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** UnionPay's clock is Beijing time: txnTime and payTimeout yyyyMMddHHmmss, settleDate MMdd, traceTime MMddHHmmss. */
final class AcpTime {
    static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter TXN_TIME = DateTimeFormatter.ofPattern("uuuuMMddHHmmss");

    private AcpTime() {
    }

    static LocalDateTime now() {
        return LocalDateTime.now(BEIJING);
    }

    /** The time, or null when the text is not a valid yyyyMMddHHmmss. */
    static LocalDateTime parse(String text) {
        if (text == null || text.length() != 14) {
            return null;
        }
        try {
            return LocalDateTime.parse(text, TXN_TIME);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static String format(LocalDateTime time) {
        return time.format(TXN_TIME);
    }

    static String settleDate(LocalDateTime time) {
        return time.format(DateTimeFormatter.ofPattern("MMdd"));
    }

    static String traceTime(LocalDateTime time) {
        return time.format(DateTimeFormatter.ofPattern("MMddHHmmss"));
    }
}

package dev.paysaga.sandbox.wechatpay;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * One refund of an order. As at WeChat Pay it is {@code PROCESSING} when created and {@code SUCCESS}
 * once the money is back with the payer, here {@code delayMillis} later (paysaga.sandbox.wechatpay.refund-delay-millis).
 */
record WechatRefund(String outRefundNo, String refundId, String outTradeNo, String transactionId, long totalFen,
        long refundFen, Instant createdAt, long delayMillis) {

    boolean succeeded(Instant now) {
        return !now.isBefore(successAt());
    }

    Instant successAt() {
        return createdAt.plusMillis(delayMillis);
    }

    static String time(Instant at) {
        return OffsetDateTime.ofInstant(at.truncatedTo(ChronoUnit.SECONDS), ZoneOffset.ofHours(8))
                .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }
}

package dev.paysaga.sandbox.wechatpay;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** WeChat Pay's times: RFC 3339 with Beijing's offset, e.g. {@code 2026-11-25T15:00:00+08:00}. */
final class WechatTime {
    private static final ZoneOffset BEIJING = ZoneOffset.ofHours(8);

    private WechatTime() {
    }

    static String now() {
        return OffsetDateTime.now(BEIJING).truncatedTo(ChronoUnit.SECONDS).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }
}

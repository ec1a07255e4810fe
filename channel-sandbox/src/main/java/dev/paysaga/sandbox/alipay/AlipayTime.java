package dev.paysaga.sandbox.alipay;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;

/** Alipay's times: "yyyy-MM-dd HH:mm:ss" in China Standard Time (GMT+8). */
public final class AlipayTime {
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final Clock CLOCK = Clock.system(ZONE);

    private AlipayTime() {
    }

    public static String now() {
        return LocalDateTime.now(CLOCK).format(FORMAT);
    }

    public static boolean valid(String timestamp) {
        try {
            LocalDateTime.parse(timestamp, FORMAT);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}

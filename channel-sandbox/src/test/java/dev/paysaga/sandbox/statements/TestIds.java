package dev.paysaga.sandbox.statements;

import java.util.UUID;

/** Fresh ids shaped like PaySaga's ({@code pay_} / {@code re_} and 26 base-32 digits), so every test has its own. */
public final class TestIds {
    private TestIds() {
    }

    public static String payment() {
        return "pay_" + digits();
    }

    public static String refund() {
        return "re_" + digits();
    }

    /** 26 digits, the first 0 as in a UUIDv7 rendering; hex digits are Crockford digits too. */
    private static String digits() {
        return "0" + UUID.randomUUID().toString().replace("-", "").toUpperCase().substring(0, 25);
    }
}

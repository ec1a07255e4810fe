package dev.paysaga.sandbox.alipay;

import java.math.BigDecimal;

/**
 * Alipay amounts: yuan as a decimal string with at most two decimals ("30.00"), 0.01 to 100000000.00.
 * Held as {@code long} fen (cents); BigDecimal only to read and write the wire string.
 */
public final class AlipayAmount {
    static final long MIN_CENTS = 1;
    static final long MAX_CENTS = 100_000_000_00L;

    private AlipayAmount() {
    }

    /** The amount in cents; IllegalArgumentException for anything that is not a valid Alipay amount. */
    public static long parseCents(String yuan) {
        if (yuan == null || !yuan.matches("\\d{1,9}(\\.\\d{1,2})?")) {
            throw new IllegalArgumentException("amount must be yuan with at most two decimals, e.g. 30.00: " + yuan);
        }
        long cents = new BigDecimal(yuan).movePointRight(2).longValueExact();
        if (cents < MIN_CENTS || cents > MAX_CENTS) {
            throw new IllegalArgumentException("amount must be 0.01 to 100000000.00: " + yuan);
        }
        return cents;
    }

    public static String format(long cents) {
        if (cents < 0) {
            throw new IllegalArgumentException("negative amount " + cents);
        }
        return BigDecimal.valueOf(cents, 2).toPlainString();
    }
}

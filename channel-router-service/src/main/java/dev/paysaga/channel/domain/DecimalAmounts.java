package dev.paysaga.channel.domain;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Our {@code long} minor units ↔ a channel's decimal major-unit text ({@code 3000} ↔ {@code "30.00"}
 * for CNY), in integer arithmetic only: no float, no double, and an overflow is an error, never a
 * wrapped number.
 */
public final class DecimalAmounts {
    private static final Pattern DECIMAL = Pattern.compile("(0|[1-9][0-9]{0,18})(?:\\.([0-9]+))?");
    private static final int MAX_EXPONENT = 6;

    private DecimalAmounts() {
    }

    /** {@code minor} as a major-unit decimal with exactly {@code exponent} fraction digits. */
    public static String format(long amountMinor, int exponent) {
        requireExponent(exponent);
        if (amountMinor < 0) {
            throw new IllegalArgumentException("negative amount");
        }
        if (exponent == 0) {
            return Long.toString(amountMinor);
        }
        long unit = pow10(exponent);
        String fraction = Long.toString(amountMinor % unit);
        return (amountMinor / unit) + "." + "0".repeat(exponent - fraction.length()) + fraction;
    }

    /**
     * A major-unit decimal ({@code "30"}, {@code "30.0"}, {@code "30.00"}) in minor units. Refuses signs,
     * exponents, spaces, more fraction digits than the currency has, and anything that overflows a long.
     */
    public static long parse(String text, int exponent) {
        requireExponent(exponent);
        Matcher m = text == null ? null : DECIMAL.matcher(text);
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("not a decimal amount");
        }
        String fraction = m.group(2) == null ? "" : m.group(2);
        if (fraction.length() > exponent || (m.group(2) != null && fraction.isEmpty())) {
            throw new IllegalArgumentException("more fraction digits than the currency has");
        }
        try {
            long whole = Long.parseLong(m.group(1));
            long fractionMinor = fraction.isEmpty() ? 0
                    : Long.parseLong(fraction) * pow10(exponent - fraction.length());
            return Math.addExact(Math.multiplyExact(whole, pow10(exponent)), fractionMinor);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("amount out of range");
        }
    }

    private static long pow10(int exponent) {
        long p = 1;
        for (int i = 0; i < exponent; i++) {
            p *= 10;
        }
        return p;
    }

    private static void requireExponent(int exponent) {
        if (exponent < 0 || exponent > MAX_EXPONENT) {
            throw new IllegalArgumentException("exponent out of range: " + exponent);
        }
    }
}

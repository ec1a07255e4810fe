package dev.paysaga.sandbox.stripe;

import java.util.Set;

/**
 * The presentment currencies the sandbox takes, and Stripe's rules on their amounts: the integer is in the
 * currency's smallest unit; zero-decimal currencies (JPY, KRW) take whole units; for the three-decimal
 * currencies (BHD, JOD, KWD, OMR, TND) Stripe requires the last digit to be 0.
 */
final class Currencies {
    static final Set<String> SUPPORTED = Set.of("usd", "eur", "gbp", "hkd", "sgd", "aud", "cad", "chf", "cny", "jpy",
            "krw", "bhd", "jod", "kwd", "omr", "tnd");
    static final Set<String> THREE_DECIMAL = Set.of("bhd", "jod", "kwd", "omr", "tnd");
    /** Stripe's limit on one amount: eight digits. */
    static final long MAX_AMOUNT = 99_999_999L;

    private Currencies() {
    }

    /** Null when the amount is acceptable in the currency, else why not. */
    static String amountRefusal(long amount, String currency) {
        if (amount < 1 || amount > MAX_AMOUNT) {
            return "amount must be a positive integer of at most 8 digits in the currency's smallest unit";
        }
        if (THREE_DECIMAL.contains(currency) && amount % 10 != 0) {
            return "amounts in " + currency + " must be a multiple of 10 (the last of its three decimals must be 0)";
        }
        return null;
    }
}

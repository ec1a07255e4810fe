package dev.paysaga.channel.stripe;

import dev.paysaga.runtime.money.Currencies;
import java.util.Locale;
import java.util.Map;

/**
 * Our minor units as Stripe's amounts. Stripe takes an integer in the currency's smallest unit, which for every
 * currency we settle there is the ISO 4217 minor unit: cents for USD/EUR/GBP/HKD/SGD, whole yen for JPY (a
 * zero-decimal currency), fils for KWD (three decimals) — so the integer passes unchanged. Two rules remain:
 * Stripe's exponent must agree with ours (a currency where they differ, like HUF, is not settled here), and
 * three-decimal amounts must end in 0 at Stripe. The currency travels in lower case.
 */
final class StripeAmounts {
    /** Decimals of Stripe's API amount for the currencies this adapter settles (CNY goes to Alipay / WeChat Pay). */
    private static final Map<String, Integer> STRIPE_DECIMALS = Map.of(
            "USD", 2, "EUR", 2, "GBP", 2, "HKD", 2, "SGD", 2, "JPY", 0, "KWD", 3);
    /** Stripe's largest amount: eight digits. */
    static final long MAX_AMOUNT = 99_999_999L;

    private StripeAmounts() {
    }

    /** Whether Stripe takes the currency here and means by its amount what we mean by minor units. */
    static boolean settles(String currency) {
        Integer stripe = currency == null ? null : STRIPE_DECIMALS.get(currency);
        return stripe != null && Currencies.isSupported(currency) && Currencies.exponent(currency) == stripe;
    }

    /** Null when Stripe can take this amount as it is, else why not (refused before any call). */
    static String refusal(long amountMinor, String currency) {
        if (amountMinor < 1 || amountMinor > MAX_AMOUNT) {
            return "Stripe takes 1 to " + MAX_AMOUNT + " in the currency's smallest unit";
        }
        if (STRIPE_DECIMALS.get(currency) == 3 && amountMinor % 10 != 0) {
            return "Stripe takes three-decimal amounts (" + currency + ") only in multiples of 10";
        }
        return null;
    }

    static String wireCurrency(String currency) {
        return currency.toLowerCase(Locale.ROOT);
    }
}

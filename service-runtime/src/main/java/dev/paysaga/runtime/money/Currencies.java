package dev.paysaga.runtime.money;

import dev.paysaga.runtime.api.ApiException;
import java.util.Map;

/**
 * The currencies PaySaga settles, with their ISO 4217 minor-unit exponent. Amounts are always
 * {@code long} minor units; anything else is refused at the edge.
 */
public final class Currencies {
    private static final Map<String, Integer> EXPONENTS = Map.of(
            "CNY", 2, "USD", 2, "EUR", 2, "GBP", 2, "HKD", 2, "SGD", 2, "JPY", 0, "KWD", 3);

    private Currencies() {
    }

    public static boolean isSupported(String currency) {
        return currency != null && EXPONENTS.containsKey(currency);
    }

    public static int exponent(String currency) {
        return EXPONENTS.get(requireSupported(currency, "currency"));
    }

    /** The currency if supported, else a {@code currency_unsupported} refusal naming {@code param}. */
    public static String requireSupported(String currency, String param) {
        if (!isSupported(currency)) {
            throw new ApiException(400, "currency_unsupported",
                    "Currency " + currency + " is not supported; use one of " + EXPONENTS.keySet(), param);
        }
        return currency;
    }

    /** A positive amount in minor units, else an {@code amount_invalid} refusal naming {@code param}. */
    public static long requirePositive(Long amountMinor, String param) {
        if (amountMinor == null || amountMinor <= 0) {
            throw new ApiException(400, "amount_invalid",
                    "Amount must be a positive integer in the currency's minor unit", param);
        }
        return amountMinor;
    }
}

package dev.paysaga.channel.stripe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paysaga.channel.domain.ChannelTrade;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which currencies Stripe settles here, which amounts it takes, and what each PaymentIntent status means. */
class StripeAmountsTest {
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({"USD, true", "EUR, true", "GBP, true", "HKD, true", "SGD, true", "JPY, true", "KWD, true",
            "CNY, false", "usd, false", "XXX, false", ","})
    void settles(String currency, Boolean settles) {
        assertEquals(settles != null && settles, StripeAmounts.settles(currency));
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @CsvSource({"1, USD, true", "99999999, USD, true", "100000000, USD, false", "0, USD, false",
            "1500, JPY, true", "1, JPY, true", "1230, KWD, true", "1234, KWD, false", "10, KWD, true"})
    void takes(long amountMinor, String currency, boolean takes) {
        assertEquals(takes, StripeAmounts.refusal(amountMinor, currency) == null);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            {"status":"requires_payment_method"}                                         | WAITING
            {"status":"requires_payment_method","last_payment_error":{"code":"card_declined"}} | CLOSED
            {"status":"requires_confirmation"}                                           | WAITING
            {"status":"requires_action"}                                                 | WAITING
            {"status":"processing"}                                                      | WAITING
            {"status":"requires_capture"}                                                | PAID
            {"status":"succeeded"}                                                       | PAID
            {"status":"canceled"}                                                        | CLOSED
            {"status":"paid_maybe"}                                                      |
            {}                                                                           |
            """)
    void intentStates(String intent, ChannelTrade.State state) throws Exception {
        assertEquals(state, IntentStates.of(new ObjectMapper().readTree(intent)));
    }
}

package dev.paysaga.channel.stripe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Stripe's form encoding: order kept, nested names bracketed, everything percent-encoded as UTF-8. */
class StripeFormTest {
    @Test
    void aPaymentIntentCreateIsEncodedInOrderWithNestedMetadata() {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("payment_id", "pay_01");
        metadata.put("merchant_id", "mer_demo");

        String form = StripeForm.of().add("amount", 3000L).add("currency", "usd").add("capture_method", "manual")
                .nested("metadata", metadata).add("absent", null).encoded();

        assertEquals("amount=3000&currency=usd&capture_method=manual&metadata%5Bpayment_id%5D=pay_01"
                + "&metadata%5Bmerchant_id%5D=mer_demo", form);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            PaySaga payment pay_1 | description=PaySaga+payment+pay_1
            a&b=c                 | description=a%26b%3Dc
            café                  | description=caf%C3%A9
            100%                  | description=100%25
            x+y                   | description=x%2By
            """)
    void valuesAreEscaped(String value, String encoded) {
        assertEquals(encoded, StripeForm.of().add("description", value).encoded());
    }

    @Test
    void anEmptyFormIsEmpty() {
        assertEquals("", StripeForm.of().encoded());
    }
}

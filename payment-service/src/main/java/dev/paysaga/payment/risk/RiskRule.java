package dev.paysaga.payment.risk;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Duration;
import java.util.List;

/**
 * One risk rule as the API reads and writes it (docs/risk.md). Which parameters a rule has depends on its
 * {@code kind}; the others are absent. {@link RuleValidator} checks a rule before any version holds it.
 *
 * @param amount    amount_above: the rule fires above this amount (minor units of {@code currency})
 * @param window    frequency: ISO-8601 duration of the sliding window, at most P1D
 * @param maxCount  frequency: fires when more payments than this fall in the window
 * @param maxAmount frequency: fires when more than this amount of {@code currency} falls in the window
 * @param field     block_list: {@code customer_id} or {@code merchant_id}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RiskRule(String id, String kind, String action, String mode, String currency, Long amount,
        String merchantId, String scope, String window, Long maxCount, Long maxAmount, String field,
        List<String> values) {
    public static final String AMOUNT_ABOVE = "amount_above";
    public static final String FREQUENCY = "frequency";
    public static final String BLOCK_LIST = "block_list";
    public static final String ALERT = "alert";
    public static final String BLOCK = "block";
    public static final String ACTIVE = "active";
    public static final String SHADOW = "shadow";
    public static final String CUSTOMER = "customer";
    public static final String MERCHANT = "merchant";
    public static final String CUSTOMER_ID = "customer_id";
    public static final String MERCHANT_ID = "merchant_id";

    @JsonIgnore
    public boolean shadow() {
        return SHADOW.equals(mode);
    }

    @JsonIgnore
    public Duration windowLength() {
        return Duration.parse(window);
    }

    RiskRule withMode(String newMode) {
        return new RiskRule(id, kind, action, newMode, currency, amount, merchantId, scope, window, maxCount,
                maxAmount, field, values);
    }
}

package dev.paysaga.contracts;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * Data of {@code risk.alerts} (key: payment id), type {@code risk.alert}: one risk rule that fired on
 * one payment (docs/risk.md). Schema: {@code schemas/risk.alert.json}.
 *
 * @param action what the rule asks for: {@code alert} or {@code block}
 * @param mode   {@code active}, or {@code shadow} for a rule that is only watched: it changed nothing
 */
public record RiskAlert(
        @JsonProperty("id") String alertId,
        @JsonProperty("payment_id") String paymentId,
        @JsonProperty("merchant_id") String merchantId,
        @JsonProperty("customer_id") String customerId,
        @JsonProperty("rule_id") String ruleId,
        @JsonProperty("rules_version") int rulesVersion,
        @JsonProperty("action") String action,
        @JsonProperty("mode") String mode,
        @JsonProperty("amount") long amountMinor,
        @JsonProperty("currency") String currency,
        @JsonProperty("at") Instant at) {

    public static final String TYPE = "risk.alert";
}

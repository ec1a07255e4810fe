package dev.paysaga.payment.risk;

import java.time.Instant;
import java.util.List;

/** One version of the whole rule set; version 0 is the empty set before the first PUT. */
public record RuleSet(int version, List<RiskRule> rules, Instant createdAt) {
    static final RuleSet NONE = new RuleSet(0, List.of(), null);
}

package dev.paysaga.payment.risk;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What the rules said of one payment: the rules that fired and the outcome they add up to. Only active
 * rules count towards the outcome; a shadow rule that fires is recorded and alerted, nothing more.
 *
 * @param velocityChecked false when Redis did not answer and the frequency rules were skipped
 */
public record RiskDecision(String paymentId, int rulesVersion, Outcome outcome, List<Fired> fired,
        boolean velocityChecked, Instant evaluatedAt) {
    /** The payment's failure_code when an active block rule fires. */
    public static final String RISK_BLOCKED = "risk_blocked";

    public enum Outcome {
        ALLOW, ALERT, BLOCK;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A rule that fired, with what it asks for and whether it may ask it. */
    public record Fired(String ruleId, String kind, String action, String mode) {
        static Fired of(RiskRule rule) {
            return new Fired(rule.id(), rule.kind(), rule.action(), rule.mode());
        }

        boolean active() {
            return RiskRule.ACTIVE.equals(mode);
        }
    }

    static RiskDecision of(String paymentId, int rulesVersion, List<Fired> fired, boolean velocityChecked,
            Instant at) {
        List<Fired> active = fired.stream().filter(Fired::active).toList();
        Outcome outcome = active.stream().anyMatch(f -> RiskRule.BLOCK.equals(f.action())) ? Outcome.BLOCK
                : active.isEmpty() ? Outcome.ALLOW : Outcome.ALERT;
        return new RiskDecision(paymentId, rulesVersion, outcome, fired, velocityChecked, at);
    }

    /** The first active block rule that fired, if the payment is blocked. */
    public Optional<Fired> blockingRule() {
        return fired.stream().filter(f -> f.active() && RiskRule.BLOCK.equals(f.action())).findFirst();
    }
}

package dev.paysaga.payment.risk;

import dev.paysaga.contracts.PaymentInstruction;
import dev.paysaga.payment.risk.RiskDecision.Fired;
import dev.paysaga.payment.risk.VelocityCounter.Tally;
import dev.paysaga.payment.risk.VelocityCounter.Window;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Evaluates the current rule set on one payment. Amount thresholds and block lists need nothing but
 * the payment; frequency rules count it in Redis first and are skipped (fail open) if Redis is down.
 */
@ApplicationScoped
public class RiskCheck {
    private static final String KEY_PREFIX = "risk:velocity:";

    private final RuleSets ruleSets;
    private final VelocityCounter counter;
    private final RiskMetrics metrics;

    RiskCheck(RuleSets ruleSets, VelocityCounter counter, RiskMetrics metrics) {
        this.ruleSets = ruleSets;
        this.counter = counter;
        this.metrics = metrics;
    }

    /** The decision on the payment, in the caller's session; nothing is written yet. */
    public Uni<RiskDecision> evaluate(PaymentInstruction payment) {
        long started = System.nanoTime();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return ruleSets.current().chain(set -> {
            List<RiskRule> frequency = set.rules().stream()
                    .filter(r -> RiskRule.FREQUENCY.equals(r.kind()) && inCurrency(r, payment)).toList();
            List<Window> windows = frequency.stream().map(r -> window(r, payment)).toList();
            return counter.count(payment.paymentId(), payment.amountMinor(), now.toEpochMilli(), windows)
                    .map(tallies -> {
                        Map<RiskRule, Tally> counted = new IdentityHashMap<>();
                        tallies.ifPresent(t -> {
                            for (int i = 0; i < frequency.size(); i++) {
                                counted.put(frequency.get(i), t.get(i));
                            }
                        });
                        List<Fired> fired = set.rules().stream()
                                .filter(r -> fires(r, payment, Optional.ofNullable(counted.get(r))))
                                .map(Fired::of).toList();
                        return RiskDecision.of(payment.paymentId(), set.version(), fired, tallies.isPresent(), now);
                    });
        }).invoke(decision -> metrics.decided(decision, System.nanoTime() - started));
    }

    private static boolean fires(RiskRule rule, PaymentInstruction payment, Optional<Tally> tally) {
        return switch (rule.kind()) {
            case RiskRule.AMOUNT_ABOVE -> rule.currency().equals(payment.currency())
                    && payment.amountMinor() > rule.amount()
                    && (rule.merchantId() == null || rule.merchantId().equals(payment.merchantId()));
            case RiskRule.BLOCK_LIST -> rule.values().contains(
                    RiskRule.CUSTOMER_ID.equals(rule.field()) ? payment.customerId() : payment.merchantId());
            case RiskRule.FREQUENCY -> tally.map(t -> rule.maxCount() != null && t.count() > rule.maxCount()
                    || rule.maxAmount() != null && t.amount() > rule.maxAmount()).orElse(false);
            default -> false;
        };
    }

    private static boolean inCurrency(RiskRule rule, PaymentInstruction payment) {
        return rule.currency() == null || rule.currency().equals(payment.currency());
    }

    /** The rule's own window for this customer (or merchant): a rule's counts never mix with another's. */
    private static Window window(RiskRule rule, PaymentInstruction payment) {
        String who = RiskRule.CUSTOMER.equals(rule.scope()) ? payment.customerId() : payment.merchantId();
        String currency = rule.currency() == null ? "" : ":" + rule.currency();
        return new Window(KEY_PREFIX + rule.id() + ":" + rule.scope() + ":" + who + currency, rule.windowLength());
    }
}

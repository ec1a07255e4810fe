package dev.paysaga.payment.risk;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.TimeUnit;

/** The risk check on /q/metrics: how long it takes, what it decides, which rules fire (docs/risk.md). */
@ApplicationScoped
public class RiskMetrics {
    private final MeterRegistry registry;
    private final Timer check;

    RiskMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.check = Timer.builder("paysaga.risk.check").description("Latency of a payment's risk check")
                .publishPercentiles(0.5, 0.99).register(registry);
    }

    void decided(RiskDecision decision, long nanos) {
        check.record(nanos, TimeUnit.NANOSECONDS);
        registry.counter("paysaga.risk.decisions", "outcome", decision.outcome().code()).increment();
        decision.fired().forEach(f -> registry.counter("paysaga.risk.alerts", "rule", f.ruleId(),
                "action", f.action(), "mode", f.mode()).increment());
        if (!decision.velocityChecked()) {
            registry.counter("paysaga.risk.velocity.skipped").increment();
        }
    }
}

package dev.paysaga.channel.domain.routing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Success-rate routing under degradation, simulated with the production routing, strategy and health
 * window on a hand-moved clock (deterministic seed, no HTTP): 20 CNY web payments a second for a
 * merchant on {@code success_rate}, Alipay and WeChat Pay both failing 2 % of creates; at t = 120 s
 * WeChat Pay's failure rate jumps to 50 %. Window: 60 s (12 buckets of 5 s), tolerance 0.05.
 * Claim: within one window after the jump WeChat Pay's share of the traffic is below 20 %.
 */
class DegradationSimulationTest {
    static final int PAYMENTS_PER_SECOND = 20;
    static final Duration WINDOW = Duration.ofSeconds(60);

    final HealthWindowTest.MutableClock clock = new HealthWindowTest.MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
    final ChannelHealth health = new ChannelHealth(clock, WINDOW, 12);
    final Routing routing = new Routing(RoutingTable.DEFAULT, RoutingTest.PROFILES,
            id -> new MerchantPolicy(new SuccessRateStrategy(0.95, 10, 0.05), Optional.empty(), Map.of()));
    final SplittableRandom routingDraws = new SplittableRandom(42);
    final SplittableRandom channelBehaviour = new SplittableRandom(7);

    @Test
    void aDegradedChannelLosesMostOfItsTrafficWithinOneWindow() {
        Map<String, Double> failureRates = new java.util.HashMap<>(Map.of("alipay", 0.02, "wechatpay", 0.02));

        run(60, failureRates); // warm-up: the window fills
        double before = run(60, failureRates);
        failureRates.put("wechatpay", 0.50);
        double firstWindow = run(60, failureRates);
        double secondWindow = run(60, failureRates);
        failureRates.put("wechatpay", 0.02);
        double recovered = run(120, failureRates);

        System.out.printf("success_rate routing, window %ds: WeChat Pay's share of traffic%n", WINDOW.toSeconds());
        System.out.printf("  before the jump (60 s, 2 %% failures):            %5.1f %%%n", before * 100);
        System.out.printf("  first window after the jump to 50 %% failures:   %5.1f %%%n", firstWindow * 100);
        System.out.printf("  second window after the jump:                    %5.1f %%%n", secondWindow * 100);
        System.out.printf("  two windows after it recovered (2 %% failures):   %5.1f %%%n", recovered * 100);

        assertTrue(before > 0.40 && before < 0.60, "healthy channels share the traffic: " + before);
        assertTrue(firstWindow < 0.20, "within one window the degraded channel has < 20 %: " + firstWindow);
        assertTrue(secondWindow < 0.05, "and afterwards only probes: " + secondWindow);
        assertTrue(recovered > 0.25, "a recovered channel gets its share back: " + recovered);
    }

    /** Routes {@code seconds} of traffic; answers WeChat Pay's share of first choices. */
    private double run(int seconds, Map<String, Double> failureRates) {
        long wechatpay = 0;
        long total = 0;
        for (int s = 0; s < seconds; s++) {
            for (int i = 0; i < PAYMENTS_PER_SECOND; i++) {
                RoutingDecision decision = routing.decide(new RouteRequest("mer_sr", "auto", "CNY", "web", 3000),
                        Adapters.of(Set.of("alipay", "wechatpay")), health::snapshot, routingDraws);
                String chosen = decision.channels().get(0);
                boolean ok = channelBehaviour.nextDouble() >= failureRates.get(chosen);
                health.record(chosen, ok, ok ? 180 : 2_000);
                total++;
                if (chosen.equals("wechatpay")) {
                    wechatpay++;
                }
            }
            clock.advance(Duration.ofSeconds(1));
        }
        return (double) wechatpay / total;
    }
}

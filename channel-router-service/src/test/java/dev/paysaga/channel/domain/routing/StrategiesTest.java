package dev.paysaga.channel.domain.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each strategy as a table. A candidate is written {@code channel:fee:successes/failures:p95:weight};
 * candidates are listed in table order (position 0 first).
 */
class StrategiesTest {
    static final Strategies STRATEGIES = new Strategies(0.95, 10, 0.05, 5);

    static List<Candidate> candidates(String spec) {
        List<Candidate> list = new ArrayList<>();
        String[] items = spec.trim().split("\\s+");
        for (int i = 0; i < items.length; i++) {
            String[] f = items[i].split(":");
            String[] outcomes = f[2].split("/");
            list.add(new Candidate(f[0], i, Long.parseLong(f[1]),
                    new HealthSnapshot(Long.parseLong(outcomes[0]), Long.parseLong(outcomes[1]), Long.parseLong(f[3])),
                    Long.parseLong(f[4])));
        }
        return list;
    }

    static List<String> rank(String strategy, String combine, String spec, long seed) {
        RoutingStrategy s = STRATEGIES.named(strategy, combine.isBlank() ? List.of() : List.of(combine.split(",")));
        return s.rank(candidates(spec), new SplittableRandom(seed)).channels();
    }

    @ParameterizedTest(name = "{0}({1}): {2} -> {3}")
    @CsvSource(delimiter = '|', textBlock = """
            # strategy   | combine             | candidates (channel:fee:ok/failed:p95:weight)                     | order
            priority     |                     | alipay:60:0/0:-1:0   wechatpay:10:0/0:-1:0   unionpay:5:0/0:-1:0  | alipay wechatpay unionpay
            cost         |                     | alipay:60:0/0:-1:0   wechatpay:10:0/0:-1:0   unionpay:5:0/0:-1:0  | unionpay wechatpay alipay
            cost         |                     | alipay:60:0/0:-1:0   wechatpay:60:0/0:-1:0   unionpay:61:0/0:-1:0 | alipay wechatpay unionpay
            latency      |                     | alipay:0:90/0:500:0  wechatpay:0:90/0:100:0  unionpay:0:90/0:250:0 | wechatpay unionpay alipay
            latency      |                     | alipay:0:90/0:100:0  wechatpay:0:2/0:50:0    unionpay:0:90/0:250:0 | wechatpay alipay unionpay
            latency      |                     | alipay:0:90/0:100:0  wechatpay:0:90/0:100:0                        | alipay wechatpay
            success_rate |                     | alipay:0:60/40:-1:0  wechatpay:0:98/2:-1:0   unionpay:0:80/20:-1:0 | wechatpay unionpay alipay
            success_rate |                     | alipay:0:0/0:-1:0    wechatpay:0:50/50:-1:0                        | alipay wechatpay
            combined     | success_rate,cost   | alipay:60:98/2:-1:0  wechatpay:50:97/3:-1:0  unionpay:5:50/50:-1:0 | wechatpay alipay unionpay
            combined     | cost,latency        | alipay:60:90/0:500:0 wechatpay:60:90/0:100:0 unionpay:70:90/0:50:0 | wechatpay alipay unionpay
            combined     | latency,cost        | alipay:60:90/0:100:0 wechatpay:50:90/0:100:0 unionpay:5:90/0:250:0 | wechatpay alipay unionpay
            """)
    void deterministicStrategiesOrderTheCandidates(String strategy, String combine, String spec, String expected) {
        assertEquals(Arrays.asList(expected.split(" ")), rank(strategy, combine == null ? "" : combine, spec, 1));
    }

    @Test
    void successRateSplitsTrafficAmongChannelsWithinTheToleranceOfTheBest() {
        // 0.980 and 0.950 are within 0.05 of each other: both healthy, split evenly (no weights); 0.70 is not.
        String spec = "alipay:0:98/2:-1:0 wechatpay:0:95/5:-1:0 unionpay:0:70/30:-1:0";
        Map<String, Integer> first = firstChoices("success_rate", spec, 10_000);

        assertEquals(0, first.getOrDefault("unionpay", 0));
        assertEquals(5_000, first.get("alipay"), 200);
        assertEquals(5_000, first.get("wechatpay"), 200);
    }

    @Test
    void weightedDrawsTheFirstChannelByWeightAndIsDeterministicForASeed() {
        String spec = "alipay:0:0/0:-1:70 wechatpay:0:0/0:-1:30 unionpay:0:0/0:-1:0";
        Map<String, Integer> first = firstChoices("weighted", spec, 10_000);

        assertEquals(7_000, first.get("alipay"), 200);
        assertEquals(3_000, first.get("wechatpay"), 200);
        assertEquals(0, first.getOrDefault("unionpay", 0), "weight 0 is failover only");
        assertEquals(rank("weighted", "", spec, 42), rank("weighted", "", spec, 42));
        assertEquals("unionpay", rank("weighted", "", spec, 7).get(2), "weight 0 comes last");
    }

    @Test
    void weightedWithoutWeightsSplitsEvenly() {
        Map<String, Integer> first = firstChoices("weighted", "alipay:0:0/0:-1:0 wechatpay:0:0/0:-1:0", 10_000);

        assertEquals(5_000, first.get("alipay"), 200);
    }

    @Test
    void anUnknownStrategyFailsWhenConfigured() {
        assertThrows(IllegalArgumentException.class, () -> STRATEGIES.named("fastest", List.of()));
        assertThrows(IllegalArgumentException.class, () -> STRATEGIES.named("combined", List.of()));
        assertThrows(IllegalArgumentException.class, () -> STRATEGIES.named("combined", List.of("weighted")));
    }

    @Test
    void theExplanationCarriesTheScores() {
        var ranking = STRATEGIES.named("success_rate", List.of())
                .rank(candidates("alipay:0:98/2:-1:0 wechatpay:0:50/50:-1:0"), new SplittableRandom(1));

        assertTrue(ranking.explanation().contains("alipay 0.977 n=100"), ranking.explanation());
        assertTrue(ranking.explanation().contains("wechatpay 0.541 n=100"), ranking.explanation());
        assertTrue(ranking.explanation().endsWith("healthy (>= best-0.05): [alipay]"), ranking.explanation());
    }

    @ParameterizedTest(name = "{0}+{1}bp of {2} = {3}")
    @CsvSource(delimiter = '|', textBlock = """
            # fixed | basis points | amount   | fee (minor units, percentage rounded up)
            0       | 60           | 10000    | 60
            0       | 60           | 1        | 1
            0       | 60           | 16667    | 101
            30      | 290          | 1000     | 59
            30      | 290          | 0        | 30
            0       | 0            | 123456   | 0
            5       | 10000        | 700      | 705
            """)
    void feesAreExactIntegers(long fixed, long basisPoints, long amount, long fee) {
        assertEquals(fee, new Fee(fixed, basisPoints).of(amount));
    }

    @Test
    void aFeeThatWouldOverflowFailsInsteadOfWrapping() {
        assertThrows(ArithmeticException.class, () -> new Fee(0, 60).of(Long.MAX_VALUE / 10));
    }

    private static Map<String, Integer> firstChoices(String strategy, String spec, int draws) {
        RoutingStrategy s = STRATEGIES.named(strategy, List.of());
        SplittableRandom random = new SplittableRandom(2026);
        Map<String, Integer> first = new HashMap<>();
        for (int i = 0; i < draws; i++) {
            first.merge(s.rank(candidates(spec), random).channels().get(0), 1, Integer::sum);
        }
        return first;
    }
}

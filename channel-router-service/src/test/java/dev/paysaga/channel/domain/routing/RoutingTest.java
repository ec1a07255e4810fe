package dev.paysaga.channel.domain.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paysaga.runtime.api.ApiException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The default routing table, eligibility (adapters, currency, terminal, amount limits, merchant configuration) as rows. */
class RoutingTest {
    static final Map<String, ChannelProfile> PROFILES = Map.of(
            "alipay", new ChannelProfile("alipay", Set.of("CNY"), Set.of("mobile", "web", "pos"), 1, 10_000_000_000L,
                    new Fee(0, 60)),
            "wechatpay", new ChannelProfile("wechatpay", Set.of("CNY"), Set.of("mobile", "web", "pos"), 1,
                    2_147_483_647L, new Fee(0, 60)),
            // Only at the till in these rows, to show the terminal rule.
            "unionpay", new ChannelProfile("unionpay", Set.of("CNY"), Set.of("pos"), 100, 10_000_000_000L,
                    new Fee(0, 50)),
            "stripe", new ChannelProfile("stripe", Set.of("USD", "EUR"), Set.of("mobile", "web", "pos"), 50, 99_999_999L,
                    new Fee(30, 290)));
    static final MerchantPolicy PLATFORM = new MerchantPolicy(new PriorityStrategy(), Optional.empty(), Map.of());
    static final Map<String, MerchantPolicy> MERCHANTS = Map.of(
            "mer_wechat_only", new MerchantPolicy(new PriorityStrategy(), Optional.of(Set.of("wechatpay")), Map.of()),
            "mer_cheap", new MerchantPolicy(new CostStrategy(), Optional.empty(), Map.of()));
    static final Routing ROUTING = new Routing(RoutingTable.DEFAULT, PROFILES,
            id -> MERCHANTS.getOrDefault(id, PLATFORM));

    static RoutingDecision decide(String merchant, String method, String currency, String terminal, long amount,
            String adapters) {
        return ROUTING.decide(new RouteRequest(merchant, method, currency, terminal, amount),
                Adapters.of(Set.of(adapters.split(" "))), channel -> HealthSnapshot.EMPTY, new SplittableRandom(1));
    }

    @ParameterizedTest(name = "{0} {1} {2} {3} [{5}] -> {6}")
    @CsvSource(delimiter = '|', textBlock = """
            # merchant      | method    | currency | terminal | amount      | adapters                         | channels in order            | rule
            mer_demo        | auto      | CNY      | mobile   | 100         | alipay wechatpay                 | wechatpay alipay             | cny-mobile
            mer_demo        | auto      | CNY      | web      | 100         | alipay wechatpay                 | alipay wechatpay             | cny
            mer_demo        | auto      | CNY      | pos      | 100         | alipay wechatpay                 | alipay wechatpay             | cny
            mer_demo        | auto      | CNY      | pos      | 100         | alipay wechatpay unionpay        | alipay wechatpay unionpay    | cny
            mer_demo        | auto      | CNY      | mobile   | 100         | alipay wechatpay unionpay        | wechatpay alipay             | cny-mobile
            mer_demo        | auto      | CNY      | pos      | 99          | alipay wechatpay unionpay        | alipay wechatpay             | cny
            mer_demo        | auto      | USD      | web      | 100         | alipay wechatpay stripe          | stripe                       | non-cny
            mer_demo        | auto      | EUR      | mobile   | 100         | alipay wechatpay stripe          | stripe                       | non-cny
            mer_demo        | auto      | CNY      | mobile   | 3000000000  | alipay wechatpay                 | alipay                       | cny-mobile
            mer_demo        | auto      | CNY      | web      | 2147483647  | alipay wechatpay                 | alipay wechatpay             | cny
            mer_demo        | alipay    | CNY      | mobile   | 100         | alipay wechatpay                 | alipay                       | method-alipay
            mer_demo        | wechatpay | CNY      | web      | 100         | alipay wechatpay                 | wechatpay                    | method-wechatpay
            mer_wechat_only | auto      | CNY      | web      | 100         | alipay wechatpay                 | wechatpay                    | cny
            mer_cheap       | auto      | CNY      | pos      | 10000       | alipay wechatpay unionpay        | unionpay alipay wechatpay    | cny
            """)
    void routesByTheTableThenTheEligibilityRules(String merchant, String method, String currency, String terminal,
            long amount, String adapters, String expected, String rule) {
        RoutingDecision decision = decide(merchant, method, currency, terminal, amount, adapters);

        assertEquals(Arrays.asList(expected.split(" ")), decision.channels());
        assertEquals(rule, decision.rule().name());
    }

    @ParameterizedTest(name = "{0} {1} {2} {3} [{5}] -> {6}")
    @CsvSource(delimiter = '|', textBlock = """
            # merchant      | method    | currency | terminal | amount      | adapters                 | status | code                 | param
            mer_demo        | auto      | USD      | web      | 100         | alipay wechatpay         | 400    | currency_unsupported | currency
            mer_demo        | auto      | EUR      | mobile   | 100         | alipay wechatpay         | 400    | currency_unsupported | currency
            mer_demo        | auto      | USD      | web      | 100000000   | alipay wechatpay stripe  | 400    | amount_invalid       | amount
            mer_demo        | auto      | USD      | web      | 49          | alipay wechatpay stripe  | 400    | amount_invalid       | amount
            mer_demo        | auto      | CNY      | web      | 10000000001 | alipay wechatpay         | 400    | amount_invalid       | amount
            mer_demo        | alipay    | USD      | web      | 100         | alipay wechatpay         | 400    | currency_unsupported | currency
            mer_demo        | unionpay  | CNY      | pos      | 100         | alipay wechatpay         | 400    | invalid_request      | method
            mer_demo        | stripe    | USD      | web      | 100         | alipay wechatpay         | 400    | invalid_request      | method
            mer_demo        | cash      | CNY      | web      | 100         | alipay wechatpay         | 400    | invalid_request      | method
            mer_wechat_only | alipay    | CNY      | web      | 100         | alipay wechatpay         | 400    | invalid_request      | method
            """)
    void aPaymentNoChannelCanTakeIsRefusedWithAStableCode(String merchant, String method, String currency,
            String terminal, long amount, String adapters, int status, String code, String param) {
        ApiException refusal = assertThrows(ApiException.class,
                () -> decide(merchant, method, currency, terminal, amount, adapters));

        assertEquals(status, refusal.status());
        assertEquals(code, refusal.code());
        assertEquals(param, refusal.param());
    }

    @Test
    void theReasonNamesTheRuleTheExclusionsTheStrategyAndTheChoice() {
        RoutingDecision decision = decide("mer_demo", "auto", "CNY", "web", 100, "alipay wechatpay");

        String first = decision.reason(0, null);
        String second = decision.reason(1, "alipay unreachable");

        assertTrue(first.startsWith("method auto in CNY/web: rule cny [alipay, wechatpay, unionpay]"), first);
        assertTrue(first.contains("excluded unionpay (no adapter)"), first);
        assertTrue(first.contains("strategy priority alipay#1, wechatpay#2"), first);
        assertTrue(first.endsWith("choice 1 of 2: alipay"), first);
        assertTrue(second.endsWith("choice 2 of 2: wechatpay; after alipay unreachable"), second);
    }

    @Test
    void usdIsRefusedTodayAndRoutedToStripeTheDayItsAdapterExists() {
        var today = assertThrows(ApiException.class, () -> decide("mer_demo", "auto", "USD", "web", 100, "alipay wechatpay"));
        assertTrue(today.getMessage().contains("stripe (no adapter)"), today.getMessage());

        assertEquals(List.of("stripe"), decide("mer_demo", "auto", "USD", "web", 100, "alipay stripe wechatpay").channels());
    }

    @Test
    void aProfileCannotWidenWhatTheAdapterSettles() {
        Adapters stripeUsdOnly = new Adapters() {
            @Override
            public boolean has(String channel) {
                return channel.equals("stripe");
            }

            @Override
            public boolean settles(String channel, String currency) {
                return currency.equals("USD");
            }
        };
        RouteRequest eur = new RouteRequest("mer_demo", "auto", "EUR", "web", 100);

        var refusal = assertThrows(ApiException.class,
                () -> ROUTING.decide(eur, stripeUsdOnly, c -> HealthSnapshot.EMPTY, new SplittableRandom(1)));

        assertEquals("currency_unsupported", refusal.code());
        assertTrue(refusal.getMessage().contains("stripe (does not settle the currency)"), refusal.getMessage());
    }

    @Test
    void anExplicitMethodIsNotReorderedByTheMerchantsStrategy() {
        RoutingDecision decision = decide("mer_cheap", "alipay", "CNY", "web", 100, "alipay wechatpay");

        assertEquals(List.of("alipay"), decision.channels());
        assertEquals(Routing.EXPLICIT, decision.strategy());
        assertEquals(Set.of(), decision.excluded().stream().map(RoutingDecision.Exclusion::channel)
                .collect(Collectors.toSet()));
    }
}

package dev.paysaga.channel.domain.routing;

import java.util.List;
import java.util.Optional;

/**
 * Which channels may take a payment, as data: the first matching rule wins and lists its channels in
 * order of preference. The routed method {@code auto} follows the seeds (CNY on mobile → WeChat Pay,
 * other CNY → Alipay, UnionPay after them, anything else → Stripe); an explicit method names its one
 * channel. A channel listed here without an adapter is simply not eligible ("no adapter"), so the
 * table already routes to Stripe and UnionPay the day their adapters exist.
 */
public record RoutingTable(List<RouteRule> rules) {
    private static final String ANY = RouteRule.ANY;
    private static final String AUTO = RouteRequest.AUTO;

    public static final RoutingTable DEFAULT = new RoutingTable(List.of(
            //            name              method       currency terminal  channels, preferred first
            new RouteRule("cny-mobile",     AUTO,        "CNY",   "mobile", List.of("wechatpay", "alipay", "unionpay")),
            new RouteRule("cny",            AUTO,        "CNY",   ANY,      List.of("alipay", "wechatpay", "unionpay")),
            new RouteRule("non-cny",        AUTO,        "!CNY",  ANY,      List.of("stripe")),
            new RouteRule("method-alipay",    "alipay",    ANY,   ANY,      List.of("alipay")),
            new RouteRule("method-wechatpay", "wechatpay", ANY,   ANY,      List.of("wechatpay")),
            new RouteRule("method-unionpay",  "unionpay",  ANY,   ANY,      List.of("unionpay")),
            new RouteRule("method-stripe",    "stripe",    ANY,   ANY,      List.of("stripe"))));

    public RoutingTable {
        rules = List.copyOf(rules);
    }

    public Optional<RouteRule> match(RouteRequest request) {
        return rules.stream().filter(rule -> rule.matches(request)).findFirst();
    }
}

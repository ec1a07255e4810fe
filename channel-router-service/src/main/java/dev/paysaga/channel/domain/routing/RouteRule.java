package dev.paysaga.channel.domain.routing;

import java.util.List;

/**
 * One row of the routing table: when method, currency and terminal match, these channels are the
 * candidates, in the table's order of preference. {@code *} matches anything; a currency written
 * {@code !CNY} matches every currency but CNY.
 */
public record RouteRule(String name, String method, String currency, String terminal, List<String> channels) {
    public static final String ANY = "*";

    public RouteRule {
        channels = List.copyOf(channels);
        if (channels.isEmpty()) {
            throw new IllegalArgumentException("rule " + name + " names no channel");
        }
    }

    public boolean matches(RouteRequest request) {
        return method.equals(request.method()) && matchesCurrency(request.currency())
                && (ANY.equals(terminal) || terminal.equals(request.terminal()));
    }

    private boolean matchesCurrency(String requested) {
        if (ANY.equals(currency)) {
            return true;
        }
        if (currency.startsWith("!")) {
            return !currency.substring(1).equals(requested);
        }
        return currency.equals(requested);
    }
}

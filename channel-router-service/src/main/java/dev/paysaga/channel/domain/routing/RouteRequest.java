package dev.paysaga.channel.domain.routing;

/** What routing looks at: who pays whom, how much, in what currency, from which kind of terminal, by which method. */
public record RouteRequest(String merchantId, String method, String currency, String terminal, long amountMinor) {
    /** The routed method: the router picks the channel ({@code method: "auto"} in the API). */
    public static final String AUTO = "auto";

    public boolean routed() {
        return AUTO.equals(method);
    }
}

package dev.paysaga.channel.domain.routing;

/**
 * Why a channel of the matching rule cannot take the payment, and how a payment that no channel can
 * take is refused (the first reason, in table order, decides the problem's code).
 */
public enum Ineligible {
    NO_ADAPTER("no adapter", 400, "invalid_request", "method"),
    NO_PROFILE("no routing profile", 400, "invalid_request", "method"),
    CURRENCY("does not settle the currency", 400, "currency_unsupported", "currency"),
    TERMINAL("does not serve the terminal", 400, "invalid_request", "terminal"),
    AMOUNT_BELOW_MIN("amount below its minimum", 400, "amount_invalid", "amount"),
    AMOUNT_ABOVE_MAX("amount above its maximum", 400, "amount_invalid", "amount"),
    MERCHANT_EXCLUDED("not enabled for the merchant", 400, "invalid_request", "method");

    public final String text;
    public final int status;
    public final String code;
    public final String param;

    Ineligible(String text, int status, String code, String param) {
        this.text = text;
        this.status = status;
        this.code = code;
        this.param = param;
    }
}

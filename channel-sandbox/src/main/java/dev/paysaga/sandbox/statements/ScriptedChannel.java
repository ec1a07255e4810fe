package dev.paysaga.sandbox.statements;

import java.time.ZoneId;

/** A channel whose daily statement can be scripted: what {@link StatementScripts} needs to know of it. */
public interface ScriptedChannel {
    /** Its name in the admin API: alipay, wechatpay, unionpay, stripe. */
    String channel();

    /** The zone of its business day, in which its statement's days begin and end. */
    ZoneId zone();

    /** The currency of an extra trade that names none: CNY unless said otherwise. */
    default String defaultCurrency() {
        return "CNY";
    }

    /** Whether its statement can carry a line in this currency (upper-case ISO code): the default one only, unless said otherwise. */
    default boolean takes(String currency) {
        return defaultCurrency().equals(currency);
    }

    /** Its made-up numbers for added lines. */
    StatementScript.Numbers numbers();
}

package dev.paysaga.sandbox.statements;

import java.time.ZoneId;

/** A channel whose daily statement can be scripted: what {@link StatementScripts} needs to know of it. */
public interface ScriptedChannel {
    /** Its name in the admin API: alipay, wechatpay, unionpay, stripe. */
    String channel();

    /** The zone of its business day, in which its statement's days begin and end. */
    ZoneId zone();

    /** The currency of an extra trade that names none. */
    String defaultCurrency();

    /** Whether its statement can carry a line in this currency (upper-case ISO code). */
    boolean takes(String currency);

    /** Its made-up numbers for added lines. */
    StatementScript.Numbers numbers();
}

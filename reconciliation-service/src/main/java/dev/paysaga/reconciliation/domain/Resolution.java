package dev.paysaga.reconciliation.domain;

import java.util.Locale;

/** What is done about a discrepancy. */
public enum Resolution {
    /** Our payment waits for the channel's word, and the statement says paid: the router queries it now. */
    SETTLE,
    /** The channel took money for a payment cancelled here: it goes back through the channel, once. */
    REFUND,
    /** No automatic truth: an operator proposes a ledger adjustment and a second one approves it. */
    REVIEW,
    /** Nothing yet: the next day's statement decides. */
    WAIT;

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }
}

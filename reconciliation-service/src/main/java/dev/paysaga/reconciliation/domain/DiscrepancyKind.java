package dev.paysaga.reconciliation.domain;

import java.util.Locale;

/** What a reconciliation found wrong with one transaction, or that it waits for the next day's statement. */
public enum DiscrepancyKind {
    /** In our books, not in the channel's statement. */
    MISSING_AT_CHANNEL,
    /** In the channel's statement, with money our books do not hold (unknown to us, pending, or cancelled here). */
    MISSING_LOCALLY,
    /** Both have it, with different amounts. */
    AMOUNT_MISMATCH,
    /** A refund one side has and the other not: refunded there, not here, or here, not there. */
    STATUS_MISMATCH,
    /** The statement lists the same transaction more than once (each extra line is one). */
    DUPLICATE,
    /** Ours, close to the day's end and not in its statement: looked for in the next day's before it is missing. */
    CARRIED;

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DiscrepancyKind fromApiName(String name) {
        for (DiscrepancyKind kind : values()) {
            if (kind.apiName().equals(name)) {
                return kind;
            }
        }
        return null;
    }
}

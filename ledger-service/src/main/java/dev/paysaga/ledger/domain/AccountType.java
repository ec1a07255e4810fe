package dev.paysaga.ledger.domain;

/**
 * What an account is for, and so which side may not overdraw. A customer wallet holds money the
 * platform owes the customer (credits add to it): its debits must never exceed its credits.
 */
public enum AccountType {
    CUSTOMER_WALLET(true),
    MERCHANT_SETTLEMENT(true),
    /**
     * What a channel (Alipay, …) has collected for us and not yet settled, one per channel and
     * currency: it is debited when a customer pays through the channel, so it may go negative.
     */
    CHANNEL_CLEARING(false),
    /** Where top-ups come from (money received from outside): free to go negative. */
    PLATFORM_FUNDING(false);

    public final boolean debitsMustNotExceedCredits;

    AccountType(boolean debitsMustNotExceedCredits) {
        this.debitsMustNotExceedCredits = debitsMustNotExceedCredits;
    }
}

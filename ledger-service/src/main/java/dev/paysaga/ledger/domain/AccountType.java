package dev.paysaga.ledger.domain;

/**
 * What an account is for, and so which side is its normal balance and which limit the database
 * enforces on it. Credit-normal accounts hold money the platform owes someone (credits add to
 * them) and may never be overdrawn: their debits must not exceed their credits.
 */
public enum AccountType {
    CUSTOMER_WALLET(Side.CREDIT, true, false),
    MERCHANT_SETTLEMENT(Side.CREDIT, true, false),
    /**
     * What a channel (Alipay, …) has collected for us and not yet settled, one per channel and
     * currency (the channel is the owner): debited when a customer pays through the channel.
     */
    CHANNEL_CLEARING(Side.DEBIT, false, false),
    /** The platform's fee income. */
    FEES(Side.CREDIT, true, false),
    /** Where top-ups come from (money received from outside the platform): free to grow. */
    PLATFORM_FUNDING(Side.DEBIT, false, false);

    public enum Side { DEBIT, CREDIT }

    public final Side normalSide;
    public final boolean debitsMustNotExceedCredits;
    /** Set for no type yet; the rule and its constraint exist for accounts that will need it. */
    public final boolean creditsMustNotExceedDebits;

    AccountType(Side normalSide, boolean debitsMustNotExceedCredits, boolean creditsMustNotExceedDebits) {
        this.normalSide = normalSide;
        this.debitsMustNotExceedCredits = debitsMustNotExceedCredits;
        this.creditsMustNotExceedDebits = creditsMustNotExceedDebits;
    }
}

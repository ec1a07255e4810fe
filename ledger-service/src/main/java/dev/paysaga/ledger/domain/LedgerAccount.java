package dev.paysaga.ledger.domain;

/**
 * An account as the ledger rules see it. Owner, type, currency and flags never change; the
 * balances change only through {@link #apply}, which refuses any change that breaks a flag. A
 * closed account takes no transfer at all (see {@code PostingPlan}).
 */
public record LedgerAccount(String id, String ownerId, AccountType type, String currency,
        boolean debitsMustNotExceedCredits, boolean creditsMustNotExceedDebits, boolean closed, Balances balances) {

    /** The account after {@code change}, or a refusal naming the flag the change would break. */
    public LedgerAccount apply(Balances change) {
        Balances after = balances.plus(change);
        if (after.anyNegative()) {
            // Only a resolution lowers a balance, and only by what it raised: this is a bug, not a refusal.
            throw new IllegalStateException("account " + id + " would have a negative balance");
        }
        // The same rules as the database's CHECK constraints, checked first to answer with a reason.
        if (debitsMustNotExceedCredits && after.debitsPending() + after.debitsPosted() > after.creditsPosted()) {
            throw LedgerRefusal.insufficientFunds(id);
        }
        if (creditsMustNotExceedDebits && after.creditsPending() + after.creditsPosted() > after.debitsPosted()) {
            throw LedgerRefusal.exceedsDebits(id);
        }
        return new LedgerAccount(id, ownerId, type, currency, debitsMustNotExceedCredits, creditsMustNotExceedDebits,
                closed, after);
    }

    /** Available to spend on the account's normal side (see docs/ledger.md). */
    public long available() {
        return type.normalSide == AccountType.Side.CREDIT ? balances.creditAvailable() : balances.debitAvailable();
    }
}

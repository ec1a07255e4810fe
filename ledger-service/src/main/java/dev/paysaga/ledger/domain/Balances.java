package dev.paysaga.ledger.domain;

/** The four balances of an account, in minor units; each is never negative. */
public record Balances(long debitsPending, long debitsPosted, long creditsPending, long creditsPosted) {
    public static final Balances ZERO = new Balances(0, 0, 0, 0);

    /**
     * These balances moved by {@code change}. A balance, or the total of a side (pending + posted),
     * that would overflow a {@code long} is refused ({@code overflows_balance}), never wrapped.
     */
    public Balances plus(Balances change) {
        try {
            Balances after = new Balances(Math.addExact(debitsPending, change.debitsPending),
                    Math.addExact(debitsPosted, change.debitsPosted),
                    Math.addExact(creditsPending, change.creditsPending),
                    Math.addExact(creditsPosted, change.creditsPosted));
            Math.addExact(after.debitsPending, after.debitsPosted);
            Math.addExact(after.creditsPending, after.creditsPosted);
            return after;
        } catch (ArithmeticException e) {
            throw LedgerRefusal.overflow();
        }
    }

    public boolean anyNegative() {
        return debitsPending < 0 || debitsPosted < 0 || creditsPending < 0 || creditsPosted < 0;
    }

    /** What a credit-normal account can spend: posted credits less every debit, pending ones too. */
    long creditAvailable() {
        return creditsPosted - (debitsPosted + debitsPending);
    }

    /** The mirror for a debit-normal account. */
    long debitAvailable() {
        return debitsPosted - (creditsPosted + creditsPending);
    }
}

package dev.paysaga.ledger.api;

import dev.paysaga.ledger.domain.Account;
import dev.paysaga.ledger.domain.LedgerAccount;
import java.time.Instant;

/** An account with its balances and what is available on its normal side; a wallet names its merchant. */
public record AccountView(String id, String ownerId, String merchantId, String type, String currency,
        long debitsPending, long debitsPosted, long creditsPending, long creditsPosted, long available,
        boolean debitsMustNotExceedCredits, boolean creditsMustNotExceedDebits, boolean closed, Instant createdAt,
        Instant closedAt) {

    static AccountView of(Account entity) {
        LedgerAccount a = entity.toLedgerAccount();
        return new AccountView(a.id(), a.ownerId(), entity.merchantId, a.type().name().toLowerCase(), a.currency(),
                a.balances().debitsPending(), a.balances().debitsPosted(), a.balances().creditsPending(),
                a.balances().creditsPosted(), a.available(), a.debitsMustNotExceedCredits(),
                a.creditsMustNotExceedDebits(), a.closed(), entity.createdAt, entity.closedAt);
    }
}

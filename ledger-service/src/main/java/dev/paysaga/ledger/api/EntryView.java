package dev.paysaga.ledger.api;

import dev.paysaga.ledger.domain.Entry;
import java.time.Instant;

/** A journal line: the change one transfer made to one account, and the balances after it. */
public record EntryView(String id, String accountId, String transferId, long debitsPendingChange,
        long debitsPostedChange, long creditsPendingChange, long creditsPostedChange, long debitsPending,
        long debitsPosted, long creditsPending, long creditsPosted, Instant createdAt) {
    static final String PREFIX = "ent_";

    static EntryView of(Entry e) {
        return new EntryView(PREFIX + e.id(), e.accountId(), e.transferId(), e.change().debitsPending(),
                e.change().debitsPosted(), e.change().creditsPending(), e.change().creditsPosted(),
                e.after().debitsPending(), e.after().debitsPosted(), e.after().creditsPending(),
                e.after().creditsPosted(), e.createdAt());
    }
}

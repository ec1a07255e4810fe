package dev.paysaga.ledger.domain;

import java.time.Instant;

/**
 * One line of the journal: how one transfer changed one account's balances, and the balances
 * after it. Entries are only ever appended; an account's balances are the last entry's.
 *
 * @param id        the journal position, set when written (ascending per account in commit order)
 * @param createdAt set when written
 */
public record Entry(Long id, String accountId, String transferId, Balances change, Balances after, Instant createdAt) {
}

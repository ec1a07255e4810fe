package dev.paysaga.ledger.persistence;

import dev.paysaga.ledger.domain.AccountType;
import dev.paysaga.runtime.ids.Ids;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * The only code that changes balances. Each transfer touches its two accounts with single
 * conditional updates (no read-modify-write), lower account id first so two transfers never wait
 * on each other in opposite orders. Runs inside the caller's transaction.
 */
@ApplicationScoped
public class Postings {
    private static final String OPEN = """
            insert into account (id, owner_id, type, currency, debits_must_not_exceed_credits)
            values (?1, ?2, ?3, ?4, ?5) on conflict (owner_id, type, currency) do nothing""";
    private static final String FIND = "select id from account where owner_id = ?1 and type = ?2 and currency = ?3";
    private static final String DEBIT_PENDING = """
            update account set debits_pending = debits_pending + ?2 where id = ?1
               and (not debits_must_not_exceed_credits or debits_pending + debits_posted + ?2 <= credits_posted)""";
    private static final String CREDIT_PENDING = "update account set credits_pending = credits_pending + ?2 where id = ?1";
    private static final String DEBIT_POSTED = """
            update account set debits_posted = debits_posted + ?2 where id = ?1
               and (not debits_must_not_exceed_credits or debits_pending + debits_posted + ?2 <= credits_posted)""";
    private static final String CREDIT_POSTED = "update account set credits_posted = credits_posted + ?2 where id = ?1";
    private static final String POST_DEBIT = """
            update account set debits_pending = debits_pending - ?2, debits_posted = debits_posted + ?2
             where id = ?1 and debits_pending >= ?2""";
    private static final String POST_CREDIT = """
            update account set credits_pending = credits_pending - ?2, credits_posted = credits_posted + ?2
             where id = ?1 and credits_pending >= ?2""";
    private static final String VOID_DEBIT = "update account set debits_pending = debits_pending - ?2 where id = ?1 and debits_pending >= ?2";
    private static final String VOID_CREDIT = "update account set credits_pending = credits_pending - ?2 where id = ?1 and credits_pending >= ?2";
    private static final String INSERT_TRANSFER = """
            insert into transfer (id, debit_account_id, credit_account_id, amount, currency, status, code, reference)
            values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)""";
    private static final String RESOLVE = """
            update transfer set status = ?2, resolved_at = now() where id = ?1 and status = 'PENDING'
            returning debit_account_id, credit_account_id, amount""";

    /** Thrown when the debit account's flag forbids the transfer. */
    public static class InsufficientFunds extends RuntimeException {
        public InsufficientFunds(String accountId) {
            super("account " + accountId + " has too little available");
        }
    }

    public record Transfer(String id, String debitAccountId, String creditAccountId, long amount) {
    }

    /** The account of {@code owner}, opened on first use. */
    public Uni<String> account(String owner, AccountType type, String currency) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery(OPEN).setParameter(1, Ids.next("acc")).setParameter(2, owner)
                        .setParameter(3, type.name()).setParameter(4, currency)
                        .setParameter(5, type.debitsMustNotExceedCredits).executeUpdate()
                        .chain(() -> s.createNativeQuery(FIND, String.class).setParameter(1, owner)
                                .setParameter(2, type.name()).setParameter(3, currency).getSingleResult()));
    }

    /** A transfer posted at once (single-phase). */
    public Uni<Transfer> post(String debit, String credit, long amount, String currency, String code, String reference) {
        return create(debit, credit, amount, currency, code, reference, DEBIT_POSTED, CREDIT_POSTED, "POSTED");
    }

    /** A pending transfer: the amount is held on both accounts until it is posted or voided. */
    public Uni<Transfer> hold(String debit, String credit, long amount, String currency, String code, String reference) {
        return create(debit, credit, amount, currency, code, reference, DEBIT_PENDING, CREDIT_PENDING, "PENDING");
    }

    /** Posts a pending transfer in full; a transfer resolves exactly once. */
    public Uni<Void> postPending(String transferId) {
        return resolve(transferId, "PENDING_POSTED", POST_DEBIT, POST_CREDIT);
    }

    public Uni<Void> voidPending(String transferId) {
        return resolve(transferId, "PENDING_VOIDED", VOID_DEBIT, VOID_CREDIT);
    }

    private Uni<Transfer> create(String debit, String credit, long amount, String currency, String code,
            String reference, String debitSql, String creditSql, String status) {
        Transfer transfer = new Transfer(Ids.next("tr"), debit, credit, amount);
        return apply(transfer, debitSql, creditSql)
                .chain(() -> Panache.getSession()).chain(s -> s.createNativeQuery(INSERT_TRANSFER)
                        .setParameter(1, transfer.id()).setParameter(2, debit).setParameter(3, credit)
                        .setParameter(4, amount).setParameter(5, currency).setParameter(6, status)
                        .setParameter(7, code).setParameter(8, reference).executeUpdate())
                .replaceWith(transfer);
    }

    private Uni<Void> resolve(String transferId, String status, String debitSql, String creditSql) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery(RESOLVE, Object[].class).setParameter(1, transferId)
                        .setParameter(2, status).getResultList())
                .chain(rows -> {
                    if (rows.size() != 1) {
                        throw new IllegalStateException("transfer " + transferId + " is not pending");
                    }
                    Object[] row = rows.get(0);
                    return apply(new Transfer(transferId, (String) row[0], (String) row[1], ((Number) row[2]).longValue()),
                            debitSql, creditSql);
                });
    }

    /** Both legs, lower account id first; a leg that matches no row means the debit side may not go there. */
    private Uni<Void> apply(Transfer t, String debitSql, String creditSql) {
        record Leg(String account, String sql, boolean debit) {
        }
        List<Leg> legs = new java.util.ArrayList<>(List.of(new Leg(t.debitAccountId(), debitSql, true),
                new Leg(t.creditAccountId(), creditSql, false)));
        legs.sort(java.util.Comparator.comparing(Leg::account));
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Leg leg : legs) {
            chain = chain.chain(() -> Panache.getSession()).chain(s -> s.createNativeQuery(leg.sql())
                            .setParameter(1, leg.account()).setParameter(2, t.amount()).executeUpdate())
                    .invoke(updated -> {
                        if (updated != 1) {
                            if (leg.debit()) {
                                throw new InsufficientFunds(leg.account());
                            }
                            throw new IllegalStateException("account " + leg.account() + " cannot take " + t.id());
                        }
                    }).replaceWithVoid();
        }
        return chain;
    }
}

package dev.paysaga.ledger.persistence;

import dev.paysaga.ledger.domain.AccountType;
import dev.paysaga.ledger.domain.Balances;
import dev.paysaga.ledger.domain.Entry;
import dev.paysaga.ledger.domain.LedgerAccount;
import dev.paysaga.ledger.domain.Transfer;
import dev.paysaga.ledger.domain.TransferKind;
import dev.paysaga.ledger.domain.TransferStatus;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * The ledger's SQL, run in the caller's session. Locks are taken in one order everywhere —
 * pending transfers first, then accounts, each by ascending id — so two transactions never wait
 * on each other in a circle. Rows are locked {@code FOR NO KEY UPDATE}: the foreign keys of the
 * rows a transaction inserts take {@code KEY SHARE} locks, which this mode does not conflict with.
 */
@ApplicationScoped
public class LedgerStore {
    // Timestamps travel as epoch microseconds: a plain number maps the same way through every driver.
    private static final String NOW = "select cast(extract(epoch from now()) * 1000000 as bigint)";
    private static final String ACCOUNT_COLUMNS = """
            id, owner_id, type, cast(currency as text), debits_must_not_exceed_credits, credits_must_not_exceed_debits,
            debits_pending, debits_posted, credits_pending, credits_posted""";
    private static final String LOCK_ACCOUNTS = "select " + ACCOUNT_COLUMNS
            + " from account where id in (?1) order by id for no key update";
    private static final String TRANSFER_COLUMNS = """
            id, kind, status, debit_account_id, credit_account_id, amount, amount_posted, cast(currency as text), pending_id,
            timeout_seconds, code, reference, cast(extract(epoch from created_at) * 1000000 as bigint),
            cast(extract(epoch from expires_at) * 1000000 as bigint), cast(extract(epoch from resolved_at) * 1000000 as bigint)""";
    private static final String FIND_TRANSFERS = "select " + TRANSFER_COLUMNS + " from transfer where id in (?1)";
    private static final String LOCK_TRANSFERS = FIND_TRANSFERS + " order by id for no key update";
    private static final String LOCK_DUE = "select " + TRANSFER_COLUMNS + """
             from transfer where status = 'PENDING' and expires_at <= ?1
            order by expires_at, id limit ?2 for no key update skip locked""";
    private static final String INSERT_TRANSFER = """
            insert into transfer (id, kind, status, debit_account_id, credit_account_id, amount, currency, pending_id,
                                  timeout_seconds, expires_at, code, reference, created_at)
            values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, now())
            on conflict (id) do nothing""";
    private static final String RESOLVE = """
            update transfer set status = ?2, amount_posted = ?3, resolved_at = now() where id = ?1 and status = 'PENDING'""";
    private static final String UPDATE_BALANCES = """
            update account set debits_pending = ?2, debits_posted = ?3, credits_pending = ?4, credits_posted = ?5
             where id = ?1""";
    private static final String INSERT_ENTRY = """
            insert into entry (account_id, transfer_id, debits_pending_change, debits_posted_change,
                               credits_pending_change, credits_posted_change,
                               debits_pending, debits_posted, credits_pending, credits_posted)
            values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)""";
    private static final String ENTRIES_AFTER = """
            select id, account_id, transfer_id, debits_pending_change, debits_posted_change, credits_pending_change,
                   credits_posted_change, debits_pending, debits_posted, credits_pending, credits_posted,
                   cast(extract(epoch from created_at) * 1000000 as bigint)
              from entry where account_id = ?1 and id > ?2 order by id limit ?3""";
    private static final String OPEN_ACCOUNT = """
            insert into account (id, owner_id, type, currency, debits_must_not_exceed_credits, credits_must_not_exceed_debits)
            values (?1, ?2, ?3, ?4, ?5, ?6) on conflict (owner_id, type, currency) do nothing""";
    private static final String FIND_ACCOUNT_ID = "select id from account where owner_id = ?1 and type = ?2 and currency = ?3";

    /** The database's clock: the current transaction's start ({@code now()}). */
    public Uni<Instant> now() {
        return session().chain(s -> s.createNativeQuery(NOW, Long.class).getSingleResult()).map(LedgerStore::instant);
    }

    public Uni<List<LedgerAccount>> lockAccounts(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return session().chain(s -> s.createNativeQuery(LOCK_ACCOUNTS, Object[].class).setParameter(1, List.copyOf(ids))
                .getResultList()).map(rows -> rows.stream().map(LedgerStore::account).toList());
    }

    public Uni<List<Transfer>> findTransfers(Collection<String> ids) {
        return transfers(FIND_TRANSFERS, ids);
    }

    /** Locks the named transfers (the pending ones a request resolves). */
    public Uni<List<Transfer>> lockTransfers(Collection<String> ids) {
        return transfers(LOCK_TRANSFERS, ids);
    }

    /** Up to {@code limit} pending transfers whose timeout passed by {@code now}, locked; rows others hold are skipped. */
    public Uni<List<Transfer>> lockDueForExpiry(Instant now, int limit) {
        return session().chain(s -> s.createNativeQuery(LOCK_DUE, Object[].class)
                        .setParameter(1, now.atOffset(ZoneOffset.UTC)).setParameter(2, limit).getResultList())
                .map(rows -> rows.stream().map(LedgerStore::transfer).toList());
    }

    /** False if a transfer with this id already exists (another transaction won the race for it). */
    public Uni<Boolean> insert(Transfer t) {
        return session().chain(s -> s.createNativeQuery(INSERT_TRANSFER).setParameter(1, t.id())
                .setParameter(2, t.kind().name()).setParameter(3, t.status().name())
                .setParameter(4, t.debitAccountId()).setParameter(5, t.creditAccountId()).setParameter(6, t.amount())
                .setParameter(7, t.currency()).setParameter(8, t.pendingId()).setParameter(9, t.timeoutSeconds())
                .setParameter(10, t.expiresAt() == null ? null : t.expiresAt().atOffset(ZoneOffset.UTC))
                .setParameter(11, t.code()).setParameter(12, t.reference()).executeUpdate()).map(n -> n == 1);
    }

    /** Records a pending transfer's outcome; the status filter makes a second resolution impossible. */
    public Uni<Void> resolve(Transfer resolved) {
        return session().chain(s -> s.createNativeQuery(RESOLVE).setParameter(1, resolved.id())
                        .setParameter(2, resolved.status().name()).setParameter(3, resolved.amountPosted())
                        .executeUpdate())
                .invoke(n -> {
                    if (n != 1) {
                        throw new IllegalStateException("transfer " + resolved.id() + " was not pending");
                    }
                }).replaceWithVoid();
    }

    /** Writes balances computed under this transaction's lock on the account. */
    public Uni<Void> updateBalances(LedgerAccount a) {
        Balances b = a.balances();
        return session().chain(s -> s.createNativeQuery(UPDATE_BALANCES).setParameter(1, a.id())
                .setParameter(2, b.debitsPending()).setParameter(3, b.debitsPosted())
                .setParameter(4, b.creditsPending()).setParameter(5, b.creditsPosted()).executeUpdate()).replaceWithVoid();
    }

    public Uni<Void> append(Entry e) {
        return session().chain(s -> s.createNativeQuery(INSERT_ENTRY).setParameter(1, e.accountId())
                .setParameter(2, e.transferId())
                .setParameter(3, e.change().debitsPending()).setParameter(4, e.change().debitsPosted())
                .setParameter(5, e.change().creditsPending()).setParameter(6, e.change().creditsPosted())
                .setParameter(7, e.after().debitsPending()).setParameter(8, e.after().debitsPosted())
                .setParameter(9, e.after().creditsPending()).setParameter(10, e.after().creditsPosted())
                .executeUpdate()).replaceWithVoid();
    }

    /** Up to {@code limit} entries of an account after journal position {@code afterId}, oldest first. */
    public Uni<List<Entry>> entriesAfter(String accountId, long afterId, int limit) {
        return session().chain(s -> s.createNativeQuery(ENTRIES_AFTER, Object[].class).setParameter(1, accountId)
                        .setParameter(2, afterId).setParameter(3, limit).getResultList())
                .map(rows -> rows.stream().map(LedgerStore::entry).toList());
    }

    /** An account's id, and whether this call opened it. */
    public record Opened(String id, boolean created) {
    }

    /** {@code owner}'s account of this type and currency, opened with the type's flags if new. */
    public Uni<Opened> openAccount(String newId, String owner, AccountType type, String currency) {
        return session().chain(s -> s.createNativeQuery(OPEN_ACCOUNT).setParameter(1, newId).setParameter(2, owner)
                .setParameter(3, type.name()).setParameter(4, currency)
                .setParameter(5, type.debitsMustNotExceedCredits).setParameter(6, type.creditsMustNotExceedDebits)
                .executeUpdate()
                .chain(inserted -> s.createNativeQuery(FIND_ACCOUNT_ID, String.class).setParameter(1, owner)
                        .setParameter(2, type.name()).setParameter(3, currency).getSingleResult()
                        .map(id -> new Opened(id, inserted == 1))));
    }

    private Uni<List<Transfer>> transfers(String sql, Collection<String> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return session().chain(s -> s.createNativeQuery(sql, Object[].class).setParameter(1, List.copyOf(ids))
                .getResultList()).map(rows -> rows.stream().map(LedgerStore::transfer).toList());
    }

    private static LedgerAccount account(Object[] r) {
        return new LedgerAccount((String) r[0], (String) r[1], AccountType.valueOf((String) r[2]), (String) r[3],
                (Boolean) r[4], (Boolean) r[5], new Balances(num(r[6]), num(r[7]), num(r[8]), num(r[9])));
    }

    private static Transfer transfer(Object[] r) {
        return new Transfer((String) r[0], TransferKind.valueOf((String) r[1]), TransferStatus.valueOf((String) r[2]),
                (String) r[3], (String) r[4], num(r[5]), nullableNum(r[6]), (String) r[7], (String) r[8],
                nullableNum(r[9]), (String) r[10], (String) r[11], instant(r[12]), instant(r[13]), instant(r[14]));
    }

    private static Entry entry(Object[] r) {
        return new Entry(num(r[0]), (String) r[1], (String) r[2], new Balances(num(r[3]), num(r[4]), num(r[5]), num(r[6])),
                new Balances(num(r[7]), num(r[8]), num(r[9]), num(r[10])), instant(r[11]));
    }

    private static long num(Object o) {
        return ((Number) o).longValue();
    }

    private static Long nullableNum(Object o) {
        return o == null ? null : num(o);
    }

    private static Instant instant(Object epochMicros) {
        return epochMicros == null ? null : Instant.EPOCH.plus(num(epochMicros), ChronoUnit.MICROS);
    }

    private static Uni<Mutiny.Session> session() {
        return Panache.getSession();
    }
}

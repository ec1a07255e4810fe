package dev.paysaga.ledger.persistence;

import dev.paysaga.ledger.domain.AccountKey;
import dev.paysaga.ledger.domain.AccountType;
import dev.paysaga.ledger.domain.Balances;
import dev.paysaga.ledger.domain.Entry;
import dev.paysaga.ledger.domain.LedgerAccount;
import dev.paysaga.ledger.domain.Origin;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
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
            closed_at is not null, debits_pending, debits_posted, credits_pending, credits_posted""";
    private static final String LOCK_ACCOUNTS = "select " + ACCOUNT_COLUMNS
            + " from account where id = any(?1) order by id for no key update";
    private static final String TRANSFER_COLUMNS = """
            id, kind, status, debit_account_id, credit_account_id, amount, amount_posted, cast(currency as text), pending_id,
            timeout_seconds, code, reference, requested_by, reason, cast(extract(epoch from created_at) * 1000000 as bigint),
            cast(extract(epoch from expires_at) * 1000000 as bigint), cast(extract(epoch from resolved_at) * 1000000 as bigint)""";
    private static final String FIND_TRANSFERS = "select " + TRANSFER_COLUMNS + " from transfer where id = any(?1)";
    private static final String LOCK_TRANSFERS = FIND_TRANSFERS + " order by id for no key update";
    private static final String LOCK_DUE = "select " + TRANSFER_COLUMNS + """
             from transfer where status = 'PENDING' and expires_at <= ?1
            order by expires_at, id limit ?2 for no key update skip locked""";
    /** The rows a JSON parameter carries (see {@link JsonRows}); cast through text so the driver binds a plain string. */
    private static final String ROWS = "jsonb_to_recordset(cast(cast(?1 as text) as jsonb))";
    private static final String INSERT_TRANSFERS = """
            insert into transfer (id, kind, status, debit_account_id, credit_account_id, amount, currency, pending_id,
                                  timeout_seconds, expires_at, code, reference, requested_by, reason, created_at)
            select id, kind, status, debit_account_id, credit_account_id, amount, currency, pending_id, timeout_seconds,
                   timestamptz 'epoch' + expires_at_micros * interval '1 microsecond', code, reference, requested_by,
                   reason, now()
              from %s as r(id text, kind text, status text, debit_account_id text, credit_account_id text, amount bigint,
                           currency text, pending_id text, timeout_seconds bigint, expires_at_micros bigint, code text,
                           reference text, requested_by text, reason text)
            on conflict (id) do nothing
            returning id""".formatted(ROWS);
    private static final String RESOLVE = """
            update transfer t set status = r.status, amount_posted = r.amount_posted, resolved_at = now()
              from %s as r(id text, status text, amount_posted bigint)
             where t.id = r.id and t.status = 'PENDING'""".formatted(ROWS);
    private static final String UPDATE_BALANCES = """
            update account a set debits_pending = r.debits_pending, debits_posted = r.debits_posted,
                                 credits_pending = r.credits_pending, credits_posted = r.credits_posted
              from %s as r(id text, debits_pending bigint, debits_posted bigint, credits_pending bigint, credits_posted bigint)
             where a.id = r.id""".formatted(ROWS);
    // Rows in the plan's order (ordinality): entry ids, taken under the accounts' locks, then grow per account
    // in the order the changes happened.
    private static final String INSERT_ENTRIES = """
            insert into entry (account_id, transfer_id, debits_pending_change, debits_posted_change,
                               credits_pending_change, credits_posted_change,
                               debits_pending, debits_posted, credits_pending, credits_posted)
            select e ->> 'account_id', e ->> 'transfer_id', (e ->> 'dpc')::bigint, (e ->> 'dpoc')::bigint,
                   (e ->> 'cpc')::bigint, (e ->> 'cpoc')::bigint,
                   (e ->> 'dp')::bigint, (e ->> 'dpo')::bigint, (e ->> 'cp')::bigint, (e ->> 'cpo')::bigint
              from jsonb_array_elements(cast(cast(?1 as text) as jsonb)) with ordinality as r(e, n)
             order by n""";
    private static final String ENTRIES_AFTER = """
            select id, account_id, transfer_id, debits_pending_change, debits_posted_change, credits_pending_change,
                   credits_posted_change, debits_pending, debits_posted, credits_pending, credits_posted,
                   cast(extract(epoch from created_at) * 1000000 as bigint)
              from entry where account_id = ?1 and id > ?2 order by id limit ?3""";
    private static final String OPEN_ACCOUNT = """
            insert into account (id, owner_id, merchant_id, type, currency, debits_must_not_exceed_credits,
                                 credits_must_not_exceed_debits)
            values (?1, ?2, cast(?3 as text), ?4, ?5, ?6, ?7) on conflict (owner_id, type, currency, merchant_id) do nothing""";
    private static final String CLOSE_ACCOUNT = "update account set closed_at = now() where id = ?1 and closed_at is null";
    private static final String FIND_ACCOUNT_ID = """
            select id from account
             where owner_id = ?1 and type = ?2 and currency = ?3 and merchant_id is not distinct from cast(?4 as text)""";

    /** The database's clock: the current transaction's start ({@code now()}). */
    public Uni<Instant> now() {
        return session().chain(s -> s.createNativeQuery(NOW, Long.class).getSingleResult()).map(LedgerStore::instant);
    }

    public Uni<List<LedgerAccount>> lockAccounts(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return session().chain(s -> s.createNativeQuery(LOCK_ACCOUNTS, Object[].class).setParameter(1, ids.toArray(String[]::new))
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

    /**
     * Inserts new transfers; answers the ids that already existed (another transaction won the
     * race for them), which were not written.
     */
    public Uni<Set<String>> insert(Collection<Transfer> transfers) {
        if (transfers.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        String rows = JsonRows.of(transfers, (t, r) -> r.put("id", t.id()).put("kind", t.kind().name())
                .put("status", t.status().name()).put("debit_account_id", t.debitAccountId())
                .put("credit_account_id", t.creditAccountId()).put("amount", t.amount()).put("currency", t.currency())
                .put("pending_id", t.pendingId()).put("timeout_seconds", t.timeoutSeconds())
                .put("expires_at_micros", t.expiresAt() == null ? null : ChronoUnit.MICROS.between(Instant.EPOCH, t.expiresAt()))
                .put("code", t.code()).put("reference", t.reference())
                .put("requested_by", t.origin() == null ? null : t.origin().requestedBy())
                .put("reason", t.origin() == null ? null : t.origin().reason()));
        return session().chain(s -> s.createNativeQuery(INSERT_TRANSFERS, String.class).setParameter(1, rows)
                .getResultList()).map(inserted -> {
                    Set<String> existing = new LinkedHashSet<>();
                    transfers.forEach(t -> existing.add(t.id()));
                    inserted.forEach(existing::remove);
                    return existing;
                });
    }

    /** Records pending transfers' outcomes; the status filter makes a second resolution impossible. */
    public Uni<Void> resolve(Collection<Transfer> resolved) {
        String rows = JsonRows.of(resolved, (t, r) -> r.put("id", t.id()).put("status", t.status().name())
                .put("amount_posted", t.amountPosted()));
        return write(RESOLVE, rows, resolved.size(), "pending transfers resolved");
    }

    /** Writes balances computed under this transaction's locks on the accounts. */
    public Uni<Void> updateBalances(Collection<LedgerAccount> accounts) {
        String rows = JsonRows.of(accounts, (a, r) -> r.put("id", a.id())
                .put("debits_pending", a.balances().debitsPending()).put("debits_posted", a.balances().debitsPosted())
                .put("credits_pending", a.balances().creditsPending()).put("credits_posted", a.balances().creditsPosted()));
        return write(UPDATE_BALANCES, rows, accounts.size(), "account balances written");
    }

    public Uni<Void> append(List<Entry> entries) {
        String rows = JsonRows.of(entries, (e, r) -> r.put("account_id", e.accountId()).put("transfer_id", e.transferId())
                .put("dpc", e.change().debitsPending()).put("dpoc", e.change().debitsPosted())
                .put("cpc", e.change().creditsPending()).put("cpoc", e.change().creditsPosted())
                .put("dp", e.after().debitsPending()).put("dpo", e.after().debitsPosted())
                .put("cp", e.after().creditsPending()).put("cpo", e.after().creditsPosted()));
        return write(INSERT_ENTRIES, rows, entries.size(), "entries appended");
    }

    /** One bulk statement that must touch exactly {@code expected} rows (none to send: no statement). */
    private Uni<Void> write(String sql, String rows, int expected, String what) {
        if (expected == 0) {
            return Uni.createFrom().voidItem();
        }
        return session().chain(s -> s.createNativeQuery(sql).setParameter(1, rows).executeUpdate()).invoke(n -> {
            if (n != expected) {
                throw new IllegalStateException(what + ": " + n + " of " + expected);
            }
        }).replaceWithVoid();
    }

    /** Up to {@code limit} entries of an account after journal position {@code afterId}, oldest first. */
    public Uni<List<Entry>> entriesAfter(String accountId, long afterId, int limit) {
        return session().chain(s -> s.createNativeQuery(ENTRIES_AFTER, Object[].class).setParameter(1, accountId)
                        .setParameter(2, afterId).setParameter(3, limit).getResultList())
                .map(rows -> rows.stream().map(LedgerStore::entry).toList());
    }

    /** Closes an account this transaction has locked (a closed one stays as it is). */
    public Uni<Void> close(String accountId) {
        return session().chain(s -> s.createNativeQuery(CLOSE_ACCOUNT).setParameter(1, accountId).executeUpdate())
                .replaceWithVoid();
    }

    /** An account's id, and whether this call opened it. */
    public record Opened(String id, boolean created) {
    }

    /** The account {@code key} identifies, opened with its type's flags if new. */
    public Uni<Opened> openAccount(String newId, AccountKey key) {
        AccountType type = key.type();
        return session().chain(s -> s.createNativeQuery(OPEN_ACCOUNT).setParameter(1, newId)
                .setParameter(2, key.ownerId()).setParameter(3, key.merchantId()).setParameter(4, type.name())
                .setParameter(5, key.currency()).setParameter(6, type.debitsMustNotExceedCredits)
                .setParameter(7, type.creditsMustNotExceedDebits)
                .executeUpdate()
                .chain(inserted -> s.createNativeQuery(FIND_ACCOUNT_ID, String.class).setParameter(1, key.ownerId())
                        .setParameter(2, type.name()).setParameter(3, key.currency()).setParameter(4, key.merchantId())
                        .getSingleResult()
                        .map(id -> new Opened(id, inserted == 1))));
    }

    private Uni<List<Transfer>> transfers(String sql, Collection<String> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return session().chain(s -> s.createNativeQuery(sql, Object[].class).setParameter(1, ids.toArray(String[]::new))
                .getResultList()).map(rows -> rows.stream().map(LedgerStore::transfer).toList());
    }

    private static LedgerAccount account(Object[] r) {
        return new LedgerAccount((String) r[0], (String) r[1], AccountType.valueOf((String) r[2]), (String) r[3],
                (Boolean) r[4], (Boolean) r[5], (Boolean) r[6], new Balances(num(r[7]), num(r[8]), num(r[9]), num(r[10])));
    }

    private static Transfer transfer(Object[] r) {
        return new Transfer((String) r[0], TransferKind.valueOf((String) r[1]), TransferStatus.valueOf((String) r[2]),
                (String) r[3], (String) r[4], num(r[5]), nullableNum(r[6]), (String) r[7], (String) r[8],
                nullableNum(r[9]), (String) r[10], (String) r[11], origin(r[12], r[13]), instant(r[14]), instant(r[15]),
                instant(r[16]));
    }

    private static Origin origin(Object requestedBy, Object reason) {
        return requestedBy == null ? null : new Origin((String) requestedBy, (String) reason);
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

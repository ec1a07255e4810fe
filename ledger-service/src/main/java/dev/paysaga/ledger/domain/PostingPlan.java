package dev.paysaga.ledger.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The ledger's rules, applied in memory to the accounts and transfers one database transaction
 * has locked: transfers are applied in order, each seeing the balances the previous ones left,
 * and what to write is collected (new transfers, resolved pending transfers, new balances,
 * journal entries). No I/O: the persistence layer loads, locks and writes; this decides.
 */
public final class PostingPlan {
    /** What a transfer request came to: the transfer, and whether this request created it. */
    public record Applied(Transfer transfer, boolean created) {
    }

    private final Instant now;
    private final Map<String, LedgerAccount> accounts;
    private final Map<String, Transfer> transfers;
    private final Map<String, LedgerAccount> touched = new LinkedHashMap<>();
    private final List<Transfer> created = new ArrayList<>();
    private final Map<String, Transfer> resolved = new LinkedHashMap<>();
    private final List<Entry> entries = new ArrayList<>();

    /**
     * @param now       the database's clock for this transaction
     * @param accounts  every account the requests may touch, locked
     * @param transfers the existing transfers the requests name (their own ids, their pending ids), pending ones locked
     */
    public PostingPlan(Instant now, Collection<LedgerAccount> accounts, Collection<Transfer> transfers) {
        this.now = now;
        this.accounts = new LinkedHashMap<>();
        accounts.forEach(a -> this.accounts.put(a.id(), a));
        this.transfers = new LinkedHashMap<>();
        transfers.forEach(t -> this.transfers.put(t.id(), t));
    }

    public Applied apply(TransferRequest request) {
        Transfer existing = transfers.get(request.id());
        if (existing != null) {
            requireSame(existing, request);
            return new Applied(existing, false);
        }
        Transfer transfer = request.kind().resolves() ? resolve(request) : open(request);
        created.add(transfer);
        transfers.put(transfer.id(), transfer);
        return new Applied(transfer, true);
    }

    /** Releases a pending transfer whose timeout has passed (the caller found it due and locked it). */
    public Transfer expire(Transfer pending) {
        Transfer expired = pending.resolved(TransferStatus.PENDING_EXPIRED, null, now);
        release(pending, 0, pending.id());
        resolved.put(expired.id(), expired);
        transfers.put(expired.id(), expired);
        return expired;
    }

    private Transfer open(TransferRequest r) {
        if (r.debitAccountId().equals(r.creditAccountId())) {
            throw LedgerRefusal.accountsMustBeDifferent();
        }
        LedgerAccount debit = account(r.debitAccountId(), "debit_account_id");
        LedgerAccount credit = account(r.creditAccountId(), "credit_account_id");
        if (!debit.currency().equals(credit.currency())) {
            throw LedgerRefusal.currencyMismatch("Account " + debit.id() + " is in " + debit.currency() + ", account "
                    + credit.id() + " in " + credit.currency());
        }
        if (!debit.currency().equals(r.currency())) {
            throw LedgerRefusal.currencyMismatch("The accounts are in " + debit.currency() + ", not " + r.currency());
        }
        long amount = r.amount();
        boolean pending = r.kind() == TransferKind.PENDING;
        Transfer transfer = new Transfer(r.id(), r.kind(), pending ? TransferStatus.PENDING : TransferStatus.POSTED,
                debit.id(), credit.id(), amount, null, r.currency(), null, r.timeoutSeconds(), r.code(), r.reference(),
                r.origin(), now, r.timeoutSeconds() == null ? null : now.plusSeconds(r.timeoutSeconds()), null);
        move(transfer.id(), debit, pending ? new Balances(amount, 0, 0, 0) : new Balances(0, amount, 0, 0),
                credit, pending ? new Balances(0, 0, amount, 0) : new Balances(0, 0, 0, amount));
        return transfer;
    }

    private Transfer resolve(TransferRequest r) {
        Transfer pending = transfers.get(r.pendingId());
        if (pending == null) {
            throw LedgerRefusal.pendingNotFound(r.pendingId());
        }
        if (pending.kind() != TransferKind.PENDING) {
            throw LedgerRefusal.notPending(pending.id());
        }
        if (pending.status() != TransferStatus.PENDING) {
            throw LedgerRefusal.alreadyResolved(pending.id(), pending.status());
        }
        if (pending.expiredAt(now)) {
            // Its timeout passed; the sweep that releases it may not have run yet.
            throw LedgerRefusal.alreadyResolved(pending.id(), TransferStatus.PENDING_EXPIRED);
        }
        boolean post = r.kind() == TransferKind.POST_PENDING;
        long posted = post ? postedAmount(r, pending) : 0;
        if (posted > pending.amount()) {
            throw LedgerRefusal.exceedsPendingAmount(pending.id(), pending.amount());
        }
        Transfer outcome = pending.resolved(post ? TransferStatus.PENDING_POSTED : TransferStatus.PENDING_VOIDED,
                post ? posted : null, now);
        release(pending, posted, r.id());
        resolved.put(outcome.id(), outcome);
        transfers.put(outcome.id(), outcome);
        return new Transfer(r.id(), r.kind(), post ? TransferStatus.POSTED : TransferStatus.VOIDED,
                pending.debitAccountId(), pending.creditAccountId(), post ? posted : pending.amount(), null,
                pending.currency(), pending.id(), null, r.code(), r.reference(), r.origin(), now, null, null);
    }

    /** The whole hold leaves pending; {@code posted} of it lands in posted on both sides. */
    private void release(Transfer pending, long posted, String byTransferId) {
        long held = pending.amount();
        move(byTransferId, account(pending.debitAccountId(), "debit_account_id"), new Balances(-held, posted, 0, 0),
                account(pending.creditAccountId(), "credit_account_id"), new Balances(0, 0, -held, posted));
    }

    private void move(String transferId, LedgerAccount debit, Balances debitChange, LedgerAccount credit,
            Balances creditChange) {
        LedgerAccount debited = debit.apply(debitChange);
        LedgerAccount credited = credit.apply(creditChange);
        for (LedgerAccount after : List.of(debited, credited)) {
            accounts.put(after.id(), after);
            touched.put(after.id(), after);
        }
        entries.add(new Entry(null, debited.id(), transferId, debitChange, debited.balances(), null));
        entries.add(new Entry(null, credited.id(), transferId, creditChange, credited.balances(), null));
    }

    private LedgerAccount account(String id, String param) {
        LedgerAccount account = accounts.get(id);
        if (account == null) {
            throw LedgerRefusal.accountNotFound(id, param);
        }
        if (account.closed()) {
            throw LedgerRefusal.accountClosed(id, param);
        }
        return account;
    }

    private static long postedAmount(TransferRequest r, Transfer pending) {
        return r.amount() == null ? pending.amount() : r.amount();
    }

    /** Idempotency by id: the same values answer what exists; any other value is refused, naming it. */
    private void requireSame(Transfer existing, TransferRequest r) {
        String differs = null;
        if (existing.kind() != r.kind()) {
            differs = "type";
        } else if (r.kind().resolves()) {
            if (!existing.pendingId().equals(r.pendingId())) {
                differs = "pending_id";
            } else if (r.kind() == TransferKind.POST_PENDING && r.amount() != null && r.amount() != existing.amount()) {
                differs = "amount";
            } else if (r.kind() == TransferKind.POST_PENDING && r.amount() == null
                    && existing.amount() != transfers.get(r.pendingId()).amount()) {
                differs = "amount";
            }
        } else if (!existing.debitAccountId().equals(r.debitAccountId())) {
            differs = "debit_account_id";
        } else if (!existing.creditAccountId().equals(r.creditAccountId())) {
            differs = "credit_account_id";
        } else if (existing.amount() != r.amount()) {
            differs = "amount";
        } else if (!existing.currency().equals(r.currency())) {
            differs = "currency";
        } else if (!Objects.equals(existing.timeoutSeconds(), r.timeoutSeconds())) {
            differs = "timeout_seconds";
        }
        if (differs == null && !Objects.equals(existing.code(), r.code())) {
            differs = "code";
        }
        if (differs == null && !Objects.equals(existing.reference(), r.reference())) {
            differs = "reference";
        }
        if (differs != null) {
            throw LedgerRefusal.existsWithDifferent(existing.id(), differs);
        }
    }

    /** A transfer as this plan leaves it. */
    public Transfer current(String id) {
        return transfers.get(id);
    }

    public List<Transfer> created() {
        return created;
    }

    /** Pending transfers this plan resolved, as they are now. */
    public Collection<Transfer> resolved() {
        return resolved.values();
    }

    /** The accounts whose balances changed, with their new balances. */
    public Collection<LedgerAccount> touched() {
        return touched.values();
    }

    /** The journal lines, in the order the changes were applied. */
    public List<Entry> entries() {
        return entries;
    }
}

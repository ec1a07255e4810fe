package dev.paysaga.ledger.persistence;

import dev.paysaga.ledger.domain.AccountKey;
import dev.paysaga.ledger.domain.LedgerAccount;
import dev.paysaga.ledger.domain.LedgerRefusal;
import dev.paysaga.ledger.domain.Origin;
import dev.paysaga.ledger.domain.PostingPlan;
import dev.paysaga.ledger.domain.PostingPlan.Applied;
import dev.paysaga.ledger.domain.Transfer;
import dev.paysaga.ledger.domain.TransferRequest;
import dev.paysaga.runtime.api.ApiException;
import dev.paysaga.runtime.ids.Ids;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The only code that changes balances: the saga steps, the wallet top-ups and the transfers API
 * all come through here. Runs inside the caller's transaction: it locks what the requests touch
 * (pending transfers, then accounts, lowest id first — across a whole batch), lets
 * {@link PostingPlan} apply the ledger's rules in memory, and writes the outcome. Balances are
 * computed under the row lock, so concurrent transfers on a hot account queue instead of losing
 * updates; the database's CHECK constraints stay the last word on every flag.
 */
@ApplicationScoped
public class Postings {
    /** Bounds the locks one transaction may take. */
    public static final int MAX_BATCH_SIZE = 1_000;

    private final LedgerStore store;

    Postings(LedgerStore store) {
        this.store = store;
    }

    /** Refusal of the transfer at {@code index} of a batch. */
    public static class BatchRefusal extends ApiException {
        public BatchRefusal(int index, String transferId, ApiException cause) {
            super(cause.status(), cause.code(), "transfers[" + index + "] (id " + transferId + "): " + cause.getMessage()
                    + "; nothing in the batch was applied",
                    "transfers[" + index + "]" + (cause.param() == null ? "" : "." + cause.param()));
        }
    }

    /** The account {@code key} identifies, opened on first use. */
    public Uni<String> account(AccountKey key) {
        return open(key).map(LedgerStore.Opened::id);
    }

    /** As {@link #account}, saying whether it was opened now. */
    public Uni<LedgerStore.Opened> open(AccountKey key) {
        return store.openAccount(Ids.next("acc"), key);
    }

    /**
     * Closes an account for good: it refuses every transfer from then on. Nothing may be on hold
     * (a pending transfer could then never be posted or voided); closing a closed account changes nothing.
     */
    public Uni<Void> close(String accountId) {
        return store.lockAccounts(List.of(accountId)).chain(found -> {
            if (found.isEmpty()) {
                throw ApiException.notFound("account", accountId);
            }
            LedgerAccount account = found.get(0);
            if (account.closed()) {
                return Uni.createFrom().voidItem();
            }
            if (account.balances().debitsPending() != 0 || account.balances().creditsPending() != 0) {
                throw LedgerRefusal.closingWithPending(accountId);
            }
            return store.close(accountId);
        });
    }

    /** One transfer; a refusal is the transfer's own. */
    public Uni<Applied> apply(TransferRequest request) {
        return run(List.of(request), (i, refusal) -> refusal).map(applied -> applied.get(0));
    }

    /** A linked batch: all applied, or none (the first refusal names its transfer). */
    public Uni<List<Applied>> applyBatch(List<TransferRequest> requests) {
        if (requests.isEmpty() || requests.size() > MAX_BATCH_SIZE) {
            throw new IllegalArgumentException("a batch holds 1 to " + MAX_BATCH_SIZE + " transfers");
        }
        return run(requests, (i, refusal) -> new BatchRefusal(i, requests.get(i).id(), refusal));
    }

    /** A transfer posted at once (single-phase), with a new id, as {@code origin} asked. */
    public Uni<Transfer> post(String debit, String credit, long amount, String currency, String code, Origin origin) {
        return apply(TransferRequest.single(Ids.next("tr"), debit, credit, amount, currency, code, null).from(origin))
                .map(Applied::transfer);
    }

    /** A pending transfer without timeout: the amount is held on both accounts until posted or voided. */
    public Uni<Transfer> hold(String debit, String credit, long amount, String currency, String code, String reference) {
        return apply(TransferRequest.pending(Ids.next("tr"), debit, credit, amount, currency, null, code, reference))
                .map(Applied::transfer);
    }

    /** Posts a pending transfer in full; a transfer resolves exactly once. */
    public Uni<Void> postPending(String transferId) {
        return apply(TransferRequest.post(Ids.next("tr"), transferId, null)).replaceWithVoid();
    }

    public Uni<Void> voidPending(String transferId) {
        return apply(TransferRequest.voiding(Ids.next("tr"), transferId)).replaceWithVoid();
    }

    /** Releases pending transfers the caller locked (the expiry sweep). */
    public Uni<List<Transfer>> expire(Instant now, List<Transfer> lockedPendings) {
        Set<String> accountIds = new TreeSet<>();
        lockedPendings.forEach(p -> accountIds.addAll(List.of(p.debitAccountId(), p.creditAccountId())));
        return store.lockAccounts(accountIds).chain(accounts -> {
            PostingPlan plan = new PostingPlan(now, accounts, lockedPendings);
            List<Transfer> expired = lockedPendings.stream().map(plan::expire).toList();
            return write(plan, Map.of(), now).replaceWith(expired);
        });
    }

    private Uni<List<Applied>> run(List<TransferRequest> requests, RefusalAt refusalAt) {
        Set<String> pendingIds = requests.stream().filter(r -> r.kind().resolves()).map(TransferRequest::pendingId)
                .collect(Collectors.toCollection(TreeSet::new));
        Map<String, TransferRequest> byId = requests.stream()
                .collect(Collectors.toMap(TransferRequest::id, Function.identity(), (first, again) -> first));
        return store.now().chain(now -> store.lockTransfers(pendingIds).chain(pendings -> {
            Set<String> accountIds = new TreeSet<>();
            for (TransferRequest r : requests) {
                if (!r.kind().resolves()) {
                    accountIds.addAll(List.of(r.debitAccountId(), r.creditAccountId()));
                }
            }
            pendings.forEach(p -> accountIds.addAll(List.of(p.debitAccountId(), p.creditAccountId())));
            return store.lockAccounts(accountIds)
                    // Read after the locks: a transfer committed by whoever held them is seen.
                    .chain(accounts -> store.findTransfers(byId.keySet()).chain(existing -> {
                        List<Transfer> known = new ArrayList<>(pendings);
                        existing.stream().filter(t -> !pendingIds.contains(t.id())).forEach(known::add);
                        PostingPlan plan = new PostingPlan(now, accounts, known);
                        List<Applied> applied = new ArrayList<>(requests.size());
                        for (int i = 0; i < requests.size(); i++) {
                            try {
                                applied.add(plan.apply(requests.get(i)));
                            } catch (ApiException refusal) {
                                throw refusalAt.wrap(i, refusal);
                            }
                        }
                        // Answer each transfer as the whole batch left it (a pending one may be posted by a later one).
                        List<Applied> answers = applied.stream()
                                .map(a -> new Applied(plan.current(a.transfer().id()), a.created())).toList();
                        return write(plan, byId, now).replaceWith(answers);
                    }));
        }));
    }

    private interface RefusalAt {
        ApiException wrap(int index, ApiException refusal);
    }

    /**
     * New transfers first (entries and resolutions refer to them), then outcomes, balances, entries:
     * one statement each, whatever the batch size.
     */
    private Uni<Void> write(PostingPlan plan, Map<String, TransferRequest> requests, Instant now) {
        return store.insert(plan.created())
                .chain(existing -> existing.isEmpty() ? Uni.createFrom().voidItem()
                        : lostRace(requests.get(existing.iterator().next()), now))
                .chain(() -> store.resolve(plan.resolved()))
                .chain(() -> store.updateBalances(plan.touched()))
                .chain(() -> store.append(plan.entries()));
    }

    /**
     * Another transaction created this id between our read and our insert. It touched other
     * accounts (on the same ones it would have queued behind our locks), so its values differ:
     * refused like any other reuse of an id, naming the first field that differs.
     */
    private Uni<Void> lostRace(TransferRequest request, Instant now) {
        return store.findTransfers(List.of(request.id())).map(existing -> {
            new PostingPlan(now, List.of(), existing).apply(request);
            throw new ApiException(409, "concurrent_request", "Transfer " + request.id()
                    + " is being created by another request; retry to read it", "id");
        });
    }
}

package dev.paysaga.reconciliation.domain;

import dev.paysaga.reconciliation.persistence.ResolutionStore;
import dev.paysaga.reconciliation.persistence.RunStore;
import dev.paysaga.reconciliation.router.LedgerApi;
import dev.paysaga.runtime.api.ApiException;
import dev.paysaga.runtime.api.RemoteRefusal;
import dev.paysaga.runtime.ids.Ids;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Ledger adjustments for discrepancies no automatic rule settles, by two people (maker-checker): one named operator
 * proposes a balanced transfer with a reason, a different one approves it, and only then is it posted to the ledger
 * — with the approver's credential, under the adjustment's id as the transfer id, so approving again never posts
 * twice. Every step is audited.
 */
@ApplicationScoped
public class Adjustments {
    static final String CODE = "reconciliation_adjustment";

    private final ResolutionStore store;
    private final RunStore runs;
    private final LedgerApi ledger;
    private final Pool pool;

    Adjustments(ResolutionStore store, RunStore runs, @RestClient LedgerApi ledger, Pool pool) {
        this.store = store;
        this.runs = runs;
        this.ledger = ledger;
        this.pool = pool;
    }

    public record Proposal(String runId, int itemSeq, String debitAccountId, String creditAccountId, long amountMinor,
            String currency, String reason) {
    }

    /** Proposed by {@code operator}; 409 when the item is settled automatically or already has an open adjustment. */
    public Uni<ResolutionRecord> propose(Proposal proposal, String operator) {
        return runs.item(proposal.runId(), proposal.itemSeq())
                .onItem().ifNull().failWith(() -> ApiException.invalidRequest("item", "run " + proposal.runId()
                        + " has no item " + proposal.itemSeq()))
                .chain(item -> runs.find(proposal.runId()).chain(run -> {
                    if (!Resolution.REVIEW.apiName().equals(item.resolution())) {
                        throw ApiException.invalidStateTransition("Item " + item.seq() + " is resolved by "
                                + item.resolution() + ", not by an adjustment");
                    }
                    var adjustment = new ResolutionRecord(Ids.next("adj"), ResolutionRecord.ADJUSTMENT, run.channel(),
                            item.paymentId(), item.refundId(), proposal.amountMinor(), proposal.currency(),
                            ResolutionRecord.PROPOSED, run.id(), item.seq(), proposal.reason(), proposal.debitAccountId(),
                            proposal.creditAccountId(), operator, null, null, 0, null, null, null);
                    return pool.withTransaction(tx -> store.propose(tx, adjustment))
                            .onItem().ifNull().failWith(() -> ApiException.invalidStateTransition(
                                    "Item " + item.seq() + " of run " + run.id() + " has an open adjustment already"));
                }));
    }

    /**
     * Approved by {@code operator}, who must not be its proposer: posts the transfer with {@code authorization} (the
     * approver's own credential). A transfer the ledger refuses leaves it proposed and answers the ledger's problem.
     */
    public Uni<ResolutionRecord> approve(String id, String operator, String authorization) {
        return proposed(id).chain(adjustment -> {
            if (adjustment.proposedBy().equals(operator)) {
                throw new ApiException(403, "approver_is_proposer",
                        "An adjustment is approved by a second operator, not by the one who proposed it");
            }
            var transfer = new LedgerApi.Transfer(adjustment.id(), "single", adjustment.debitAccountId(),
                    adjustment.creditAccountId(), adjustment.amountMinor(), adjustment.currency(), CODE,
                    reference(adjustment));
            return ledger.post(authorization, transfer)
                    .onFailure().transform(e -> RemoteRefusal.of(e).<Throwable>map(refused -> refused).orElse(e))
                    .chain(posted -> pool.withTransaction(tx -> store.lock(tx, id).chain(locked ->
                            ResolutionRecord.PROPOSED.equals(locked.status())
                                    ? store.decide(tx, id, ResolutionRecord.POSTED, operator, posted.id(),
                                            "transfer " + posted.id() + " posted")
                                    : Uni.createFrom().voidItem())))
                    .chain(() -> store.find(id));
        });
    }

    /** Rejected by a named operator (its proposer may withdraw it): nothing is posted. */
    public Uni<ResolutionRecord> reject(String id, String operator, String why) {
        return proposed(id).chain(adjustment -> pool.withTransaction(tx -> store.lock(tx, id).chain(locked ->
                        ResolutionRecord.PROPOSED.equals(locked.status())
                                ? store.decide(tx, id, ResolutionRecord.REJECTED, operator, null, why)
                                : Uni.createFrom().failure(ApiException.invalidStateTransition(
                                        "Adjustment " + id + " is " + locked.status())))))
                .chain(() -> store.find(id));
    }

    public Uni<ResolutionRecord> find(String id) {
        return store.find(id).map(found -> found != null && ResolutionRecord.ADJUSTMENT.equals(found.action()) ? found : null)
                .onItem().ifNull().failWith(() -> ApiException.notFound("adjustment", id));
    }

    private Uni<ResolutionRecord> proposed(String id) {
        return find(id).invoke(adjustment -> {
            if (!ResolutionRecord.PROPOSED.equals(adjustment.status())) {
                throw ApiException.invalidStateTransition("Adjustment " + id + " is " + adjustment.status());
            }
        });
    }

    private static String reference(ResolutionRecord adjustment) {
        String reference = "reconciliation " + adjustment.runId() + " item " + adjustment.itemSeq() + ": " + adjustment.reason();
        return reference.length() <= 255 ? reference : reference.substring(0, 255);
    }
}

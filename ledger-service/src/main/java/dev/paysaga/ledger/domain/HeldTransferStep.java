package dev.paysaga.ledger.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.paysaga.contracts.SagaCommand;
import dev.paysaga.ledger.persistence.Postings;
import dev.paysaga.runtime.tcc.TccParticipant;
import dev.paysaga.runtime.tcc.TccRefusal;
import io.smallrye.mutiny.Uni;

/**
 * A saga step that moves money in two phases: Try holds it in a pending transfer (refused with
 * {@code insufficient_funds} if the debited account may not go there), Confirm posts the transfer,
 * Cancel voids it. Subclasses say which accounts and amount.
 * Subclasses are {@code @Singleton}: injected through this constructor, they have no no-args
 * constructor for the client proxy {@code @ApplicationScoped} would need.
 */
abstract class HeldTransferStep implements TccParticipant {
    protected final Postings postings;

    HeldTransferStep(Postings postings) {
        this.postings = postings;
    }

    /** Opens the accounts as needed and holds the transfer. */
    protected abstract Uni<Transfer> hold(SagaCommand command);

    /** Why the debited account cannot cover the transfer, for the refusal. */
    protected abstract String insufficientFunds(SagaCommand command);

    @Override
    public Uni<JsonNode> tryPhase(SagaCommand command) {
        return hold(command)
                .onFailure(e -> e instanceof LedgerRefusal refusal && "insufficient_funds".equals(refusal.code()))
                .transform(e -> new TccRefusal("insufficient_funds", insufficientFunds(command)))
                .map(transfer -> JsonNodeFactory.instance.objectNode().put("transfer_id", transfer.id()));
    }

    @Override
    public Uni<Void> confirm(SagaCommand command, JsonNode tried) {
        return postings.postPending(tried.get("transfer_id").asText());
    }

    @Override
    public Uni<Void> cancel(SagaCommand command, JsonNode tried) {
        return postings.voidPending(tried.get("transfer_id").asText());
    }
}

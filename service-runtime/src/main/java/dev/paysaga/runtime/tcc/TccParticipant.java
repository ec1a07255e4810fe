package dev.paysaga.runtime.tcc;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paysaga.contracts.SagaCommand;
import io.smallrye.mutiny.Uni;

/**
 * What a service does in each phase of a saga step; {@link TccCommands} wraps it in the fence,
 * the inbox and the reply. Every method runs inside the transaction that records its command.
 */
public interface TccParticipant {
    /** Reserve: change state and return what Confirm/Cancel need; throw {@link TccRefusal} to say no, before writing. */
    Uni<JsonNode> tryPhase(SagaCommand command);

    /**
     * Whether this Try, having answered {@code tried}, still waits for its outcome (the customer
     * pays at a channel): the fence then records the branch as trying and nothing is answered until
     * the participant calls {@link TccCommands#settleTry}. A Cancel may come first; it gets Try's data.
     */
    default boolean answersLater(SagaCommand command, JsonNode tried) {
        return false;
    }

    /** Make the reservation final. Called only after this branch's Try succeeded, and only once. */
    Uni<Void> confirm(SagaCommand command, JsonNode tried);

    /** Undo the reservation. Called only after this branch's Try succeeded, and only once. */
    Uni<Void> cancel(SagaCommand command, JsonNode tried);

    /**
     * A Cancel whose Try never ran here (the empty rollback): nothing of this branch is reserved,
     * but a record made before the saga started (a refund requested through the API) may still
     * need its failure recorded. Called once, instead of {@link #cancel}. Does nothing by default.
     */
    default Uni<Void> cancelUntried(SagaCommand command) {
        return Uni.createFrom().voidItem();
    }
}

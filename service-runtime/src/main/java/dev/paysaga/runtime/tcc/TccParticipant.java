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

    /** Make the reservation final. Called only after this branch's Try succeeded, and only once. */
    Uni<Void> confirm(SagaCommand command, JsonNode tried);

    /** Undo the reservation. Called only after this branch's Try succeeded, and only once. */
    Uni<Void> cancel(SagaCommand command, JsonNode tried);
}

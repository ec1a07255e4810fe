package dev.paysaga.notification.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.paysaga.contracts.SagaCommand;
import dev.paysaga.runtime.messaging.Outbox;
import dev.paysaga.runtime.messaging.OutgoingEvent;
import dev.paysaga.runtime.tcc.TccParticipant;
import io.smallrye.mutiny.Uni;

/**
 * A notification step: Try only takes part (the fence records the outcome as pending); Confirm
 * publishes the success event on the public topic, Cancel the failure event (with the saga's
 * reason) — also when its Try never came, since the saga failed before reaching it. The event log
 * records both from the topic, like every other event.
 * Subclasses are {@code @Singleton}: injected through this constructor, they have no no-args
 * constructor for the client proxy {@code @ApplicationScoped} would need.
 */
abstract class OutcomeNotificationStep implements TccParticipant {
    private final Outbox outbox;

    OutcomeNotificationStep(Outbox outbox) {
        this.outbox = outbox;
    }

    /** The id of what the saga is about (payment or refund), kept as Try's data. */
    protected abstract String subject(SagaCommand command);

    /** The public event telling that outcome. */
    protected abstract OutgoingEvent outcome(SagaCommand command, boolean succeeded);

    @Override
    public Uni<JsonNode> tryPhase(SagaCommand command) {
        return Uni.createFrom().item(JsonNodeFactory.instance.objectNode().put("subject", subject(command)));
    }

    @Override
    public Uni<Void> confirm(SagaCommand command, JsonNode tried) {
        return outbox.enqueue(outcome(command, true)).replaceWithVoid();
    }

    @Override
    public Uni<Void> cancel(SagaCommand command, JsonNode tried) {
        return outbox.enqueue(outcome(command, false)).replaceWithVoid();
    }

    /** A saga that failed before this step's Try still publishes its failure. */
    @Override
    public Uni<Void> cancelUntried(SagaCommand command) {
        return outbox.enqueue(outcome(command, false)).replaceWithVoid();
    }
}

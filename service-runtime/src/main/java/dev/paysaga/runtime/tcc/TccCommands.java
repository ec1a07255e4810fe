package dev.paysaga.runtime.tcc;

import dev.paysaga.contracts.SagaCommand;
import dev.paysaga.contracts.SagaReply;
import dev.paysaga.contracts.Topics;
import dev.paysaga.runtime.api.ApiException;
import dev.paysaga.runtime.messaging.Inbox;
import dev.paysaga.runtime.messaging.IncomingEvent;
import dev.paysaga.runtime.messaging.Outbox;
import dev.paysaga.runtime.messaging.OutgoingEvent;
import dev.paysaga.runtime.messaging.PoisonMessageException;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Set;

/**
 * A participant's command consumer, written once: each command is applied through the inbox (once
 * per message), the TCC fence (once per branch and phase) and answered on {@code saga.replies}
 * through the outbox, all in one transaction.
 */
@ApplicationScoped
public class TccCommands {
    private static final Set<String> PHASES = Set.of(SagaCommand.TRY, SagaCommand.CONFIRM, SagaCommand.CANCEL);
    private final Inbox inbox;
    private final TccBranches branches;
    private final Outbox outbox;

    TccCommands(Inbox inbox, TccBranches branches, Outbox outbox) {
        this.inbox = inbox;
        this.branches = branches;
        this.outbox = outbox;
    }

    /** A poll's commands, applied together as {@link Inbox#processBatch} does. */
    public Uni<Void> handle(String consumer, KafkaRecordBatch<String, byte[]> commands, TccParticipant participant) {
        return inbox.processBatch(consumer, commands, event -> apply(command(event), participant));
    }

    /** For a service that takes part in several sagas or steps: its participant per route. */
    public Uni<Void> handle(String consumer, KafkaRecordBatch<String, byte[]> commands,
            Map<TccRoute, TccParticipant> routes) {
        return inbox.processBatch(consumer, commands, event -> {
            SagaCommand command = command(event);
            TccParticipant participant = routes.get(new TccRoute(command.sagaType(), command.step()));
            if (participant == null) {
                throw new PoisonMessageException(consumer + " takes no part in step " + command.step() + " of "
                        + command.sagaType() + " sagas");
            }
            return apply(command, participant);
        });
    }

    private Uni<Void> apply(SagaCommand command, TccParticipant participant) {
        BranchId branch = new BranchId(command.sagaId(), command.step());
        Uni<BranchResult> result = switch (command.phase()) {
            case SagaCommand.TRY -> branches.tryOnce(branch, () -> participant.tryPhase(command)
                    // A business rule that refuses (illegal transition, bad amount) is a Try that says no.
                    .onFailure(ApiException.class)
                    .transform(e -> new TccRefusal(((ApiException) e).code(), e.getMessage())),
                    tried -> participant.answersLater(command, tried));
            case SagaCommand.CONFIRM -> branches.confirmOnce(branch, tried -> participant.confirm(command, tried));
            default -> branches.cancelOnce(branch, tried -> participant.cancel(command, tried),
                    () -> participant.cancelUntried(command));
        };
        return result.chain(answer -> answer.pending() ? Uni.createFrom().voidItem()
                : reply(command.sagaId(), command.step(), command.phase(), answer));
    }

    /**
     * The outcome of a Try that {@link TccParticipant#answersLater answers later} is known: settle
     * its branch and answer the orchestrator, in the caller's transaction. False if the branch was
     * not waiting (e.g. cancelled first): the caller then owns undoing the late outcome.
     */
    public Uni<Boolean> settleTry(String sagaId, String step, boolean succeeded, String failureCode,
            String failureMessage) {
        return branches.settleTry(new BranchId(sagaId, step), succeeded, failureCode, failureMessage)
                .chain(settled -> settled == null ? Uni.createFrom().item(false)
                        : reply(sagaId, step, SagaCommand.TRY, settled).replaceWith(true));
    }

    private Uni<Void> reply(String sagaId, String step, String phase, BranchResult answer) {
        return outbox.enqueue(new OutgoingEvent(Topics.SAGA_REPLIES, sagaId, SagaReply.TYPE, sagaId, sagaId,
                        new SagaReply(sagaId, step, phase, answer.succeeded(), answer.failureCode(),
                                answer.failureMessage())))
                .replaceWithVoid();
    }

    private static SagaCommand command(IncomingEvent event) {
        SagaCommand command = event.dataAs(SagaCommand.class);
        if (command.sagaId() == null || command.step() == null || !PHASES.contains(command.phase())) {
            throw new PoisonMessageException(event + " is not a valid saga command");
        }
        return command;
    }
}

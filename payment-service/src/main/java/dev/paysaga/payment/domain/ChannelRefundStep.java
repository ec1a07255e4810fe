package dev.paysaga.payment.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.paysaga.contracts.RefundInstruction;
import dev.paysaga.contracts.SagaCommand;
import dev.paysaga.payment.messaging.ChannelRouter;
import dev.paysaga.payment.persistence.ChannelOutcomes;
import dev.paysaga.runtime.api.CallFailures;
import dev.paysaga.runtime.api.RemoteRefusal;
import dev.paysaga.runtime.tcc.TccParticipant;
import dev.paysaga.runtime.tcc.TccRefusal;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * The channel step of a refund through a channel: the money goes back at the channel that took it. Try
 * asks channel-router to refund (idempotent on the refund id, so a retried Try never refunds twice): a
 * refund the channel made is tried, one it declined is refused, one it is still processing — or whose
 * answer did not come back — is answered later, when {@link ChannelRefundOutcome} hears the channel's final
 * word; a router that could not even be connected to is a refusal ({@code channel_unavailable}). Try and the outcome both hold the refund's outcome lock, so neither can miss the other.
 *
 * <p>There is nothing to confirm. A refund cannot be taken back, so Cancel only abandons one the channel
 * does not have; otherwise it fails, and keeps failing until the saga is parked for a person: the ledger
 * still holds the amount then, and nothing is voided under money that left.
 */
@ApplicationScoped
public class ChannelRefundStep implements TccParticipant {
    public static final String STEP = "channel";
    private static final Logger LOG = Logger.getLogger(ChannelRefundStep.class);
    private static final String PENDING = "pending";

    private final ChannelOutcomes outcomes;
    private final ChannelRouter router;

    ChannelRefundStep(ChannelOutcomes outcomes, @RestClient ChannelRouter router) {
        this.outcomes = outcomes;
        this.router = router;
    }

    @Override
    public Uni<JsonNode> tryPhase(SagaCommand command) {
        RefundInstruction r = command.refund();
        var request = new ChannelRouter.RefundRequest(r.refundId(), r.amountMinor(), r.currency(), r.reason());
        AtomicBoolean mayHaveArrived = new AtomicBoolean();
        return outcomes.lock(r.refundId())
                .chain(() -> router.refund(r.paymentId(), request)
                        .onFailure().invoke(e -> mayHaveArrived.compareAndSet(false, CallFailures.neverSent(e) == null))
                        // A lost answer or a restarting router: ask again (same refund id) before waiting.
                        .onFailure(e -> RemoteRefusal.of(e).isEmpty())
                        .retry().withBackOff(Duration.ofMillis(200)).atMost(3))
                .map(refund -> switch (refund.status()) {
                    case ChannelRouter.Refund.SUCCEEDED -> tried(r, "succeeded");
                    case ChannelRouter.Refund.FAILED -> throw new TccRefusal(refund.failureCode(),
                            "the channel declined refund " + r.refundId() + " (" + refund.channelCode() + ")");
                    default -> tried(r, PENDING);
                })
                .onFailure(e -> !(e instanceof TccRefusal)).recoverWithItem(e -> {
                    var refusal = RemoteRefusal.of(e);
                    if (refusal.isPresent()) {
                        throw new TccRefusal(refusal.get().code(), refusal.get().getMessage());
                    }
                    if (!mayHaveArrived.get()) {
                        // No request ever reached the router, so no channel can have the refund: say no now
                        // rather than wait for an outcome that cannot come.
                        throw new TccRefusal("channel_unavailable", "channel-router could not be reached; nothing was refunded");
                    }
                    // Unknown whether the router has it: wait for its word; the deadline's Cancel abandons it if not.
                    LOG.warnf("refund %s: channel-router did not answer, waiting for its outcome: %s", r.refundId(),
                            e.toString());
                    return tried(r, PENDING);
                });
    }

    private static JsonNode tried(RefundInstruction r, String outcome) {
        return JsonNodeFactory.instance.objectNode().put("refund_id", r.refundId()).put("outcome", outcome);
    }

    @Override
    public boolean answersLater(SagaCommand command, JsonNode tried) {
        return PENDING.equals(tried.path("outcome").asText());
    }

    @Override
    public Uni<Void> confirm(SagaCommand command, JsonNode tried) {
        return Uni.createFrom().voidItem();
    }

    @Override
    public Uni<Void> cancel(SagaCommand command, JsonNode tried) {
        return abandon(command);
    }

    @Override
    public Uni<Void> cancelUntried(SagaCommand command) {
        return abandon(command);
    }

    /** 200 (failed, or declined before) and 404 (never reached the router) end it; 409 and the rest fail the Cancel. */
    private Uni<Void> abandon(SagaCommand command) {
        RefundInstruction r = command.refund();
        return router.abandonRefund(r.paymentId(), r.refundId()).replaceWithVoid()
                .onFailure(e -> RemoteRefusal.is(e, 404)).recoverWithNull()
                .onFailure(e -> RemoteRefusal.is(e, 409)).transform(e -> new IllegalStateException("refund "
                        + r.refundId() + " was made at the channel, or may still be: it cannot be cancelled"));
    }
}

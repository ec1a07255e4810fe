package dev.paysaga.saga.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The engine without a broker: given what happened, expect these commands and this status. */
class SagaTest {
    static final RetryPolicy RETRY = new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(4), 3);
    static final SagaDefinition ABC = new SagaDefinition("test", List.of(
            new StepDefinition("a", "pa", "a.commands", Duration.ofSeconds(10), RETRY),
            new StepDefinition("b", "pb", "b.commands", Duration.ofSeconds(10), RETRY),
            new StepDefinition("c", "pc", "c.commands", Duration.ofSeconds(10), RETRY)));
    static final SagaDefinition ABC_AT_ONCE = new SagaDefinition("test_at_once", "test", ABC.steps(), true, true);
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    Saga saga = Saga.begin("sag_1", ABC, "mer_1", JsonNodeFactory.instance.objectNode().put("order_id", "ord_1"), T0);

    @Test
    void triesRunInOrderThenEveryConfirmGoesOutAtOnce() {
        assertEquals(List.of("a TRY"), names(saga.start(ABC, T0)));
        assertEquals(List.of("b TRY"), names(ok("a", Phase.TRY)));
        assertEquals(List.of("c TRY"), names(ok("b", Phase.TRY)));
        assertEquals(List.of("a CONFIRM", "b CONFIRM", "c CONFIRM"), names(ok("c", Phase.TRY)));
        assertEquals(SagaStatus.CONFIRMING, saga.status);

        ok("b", Phase.CONFIRM);
        ok("a", Phase.CONFIRM);
        assertEquals(SagaStatus.CONFIRMING, saga.status);
        ok("c", Phase.CONFIRM);
        assertEquals(SagaStatus.COMPLETED, saga.status);
    }

    @Test
    void triesAtOnceAllGoOutAtStartAndConfirmsFollowTheLastAnswer() {
        assertEquals(List.of("a TRY", "b TRY", "c TRY"), names(saga.start(ABC_AT_ONCE, T0)));
        assertEquals(List.of(), names(saga.onReply(ABC_AT_ONCE, "c", Phase.TRY, true, null, T0)));
        assertEquals(List.of(), names(saga.onReply(ABC_AT_ONCE, "a", Phase.TRY, true, null, T0)));
        assertEquals(SagaStatus.TRYING, saga.status);
        assertEquals(List.of("a CONFIRM", "b CONFIRM", "c CONFIRM"),
                names(saga.onReply(ABC_AT_ONCE, "b", Phase.TRY, true, null, T0)));
        assertEquals(SagaStatus.CONFIRMING, saga.status);
    }

    @Test
    void aRefusedTryAmongTriesAtOnceCancelsEveryStepInReverseIncludingThoseNotAnsweredYet() {
        saga.start(ABC_AT_ONCE, T0);
        saga.onReply(ABC_AT_ONCE, "a", Phase.TRY, true, null, T0);
        // c has not answered: its Cancel reaches c after its Try (same topic and key), so it is cancelled first
        assertEquals(List.of("c CANCEL"), names(saga.onReply(ABC_AT_ONCE, "b", Phase.TRY, false, "insufficient_funds", T0)));
        assertEquals(List.of(), names(saga.onReply(ABC_AT_ONCE, "c", Phase.TRY, true, null, T0)), "late Try answer");
        assertEquals(List.of("b CANCEL"), names(saga.onReply(ABC_AT_ONCE, "c", Phase.CANCEL, true, null, T0)));
        assertEquals(List.of("a CANCEL"), names(saga.onReply(ABC_AT_ONCE, "b", Phase.CANCEL, true, null, T0)));
        assertEquals(List.of(), names(saga.onReply(ABC_AT_ONCE, "a", Phase.CANCEL, true, null, T0)));
        assertEquals(SagaStatus.CANCELLED, saga.status);
        assertEquals("insufficient_funds", saga.failureCode);
    }

    @Test
    void aSagaStartedInSequenceSendsTheRestOfItsTriesWhenItsTableNowRunsThemAtOnce() {
        saga.start(ABC, T0);
        assertEquals(List.of("b TRY", "c TRY"), names(saga.onReply(ABC_AT_ONCE, "a", Phase.TRY, true, null, T0)));
        saga.onReply(ABC_AT_ONCE, "c", Phase.TRY, true, null, T0);
        assertEquals(3, names(saga.onReply(ABC_AT_ONCE, "b", Phase.TRY, true, null, T0)).size());
    }

    @Test
    void aNewSagaWaitsWithNothingDueUntilItIsStartedOnce() {
        assertEquals(SagaStatus.WAITING, saga.status);
        assertEquals(java.util.Optional.empty(), saga.nextWakeUp(), "waiting has no deadline: it may wait any time");
        assertEquals(List.of(), names(saga.onTick(ABC, T0.plusSeconds(3600))));

        saga.start(ABC, T0.plusSeconds(60));
        assertEquals(SagaStatus.TRYING, saga.status);
        assertEquals(java.util.Optional.of(T0.plusSeconds(70)), saga.nextWakeUp(), "the deadline counts from the start");
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> saga.start(ABC, T0));
    }

    @Test
    void aFailedTryCancelsEveryTriedStepInReverseOrderOneAtATime() {
        saga.start(ABC, T0);
        ok("a", Phase.TRY);
        assertEquals(List.of("b CANCEL"), names(saga.onReply(ABC, "b", Phase.TRY, false, "insufficient_funds", T0)));
        assertEquals(SagaStatus.CANCELLING, saga.status);
        assertTrue(saga.failureReason.contains("insufficient_funds"));

        assertEquals(List.of("a CANCEL"), names(ok("b", Phase.CANCEL)));
        assertEquals(List.of(), names(ok("a", Phase.CANCEL)));
        assertEquals(SagaStatus.CANCELLED, saga.status);
    }

    @Test
    void aStepWhoseResourcePredatesTheSagaIsCancelledEvenIfItsTryWasNeverSent() {
        SagaDefinition withPrior = new SagaDefinition("prior", List.of(ABC.steps().get(0), ABC.steps().get(1),
                ABC.steps().get(2).cancelledAlways()));
        Saga prior = Saga.begin("sag_2", withPrior, "mer_1", JsonNodeFactory.instance.objectNode(), T0);
        prior.start(withPrior, T0);
        prior.onReply(withPrior, "a", Phase.TRY, true, null, T0);

        // b refuses: c was never tried, yet it is cancelled first (its fence records an empty rollback).
        assertEquals(List.of("c CANCEL"), names(prior.onReply(withPrior, "b", Phase.TRY, false, "refused", T0)));
        assertEquals(List.of("b CANCEL"), names(prior.onReply(withPrior, "c", Phase.CANCEL, true, null, T0)));
        assertEquals(List.of("a CANCEL"), names(prior.onReply(withPrior, "b", Phase.CANCEL, true, null, T0)));
        prior.onReply(withPrior, "a", Phase.CANCEL, true, null, T0);
        assertEquals(SagaStatus.CANCELLED, prior.status);
    }

    @Test
    void aTryPastItsDeadlineFailsTheSagaAndItsStepIsCancelledToo() {
        saga.start(ABC, T0);
        ok("a", Phase.TRY);
        assertEquals(List.of(), names(saga.onTick(ABC, T0.plusSeconds(9))), "before the deadline nothing happens");

        // b's Try may have happened without an answer: it is cancelled (the participant's fence
        // records an empty rollback if it never arrived).
        assertEquals(List.of("b CANCEL"), names(saga.onTick(ABC, T0.plusSeconds(10))));
        assertEquals(SagaStatus.CANCELLING, saga.status);

        assertEquals(List.of(), names(saga.onReply(ABC, "b", Phase.TRY, true, null, T0.plusSeconds(11))),
                "a late Try answer changes nothing");
        assertEquals(List.of("a CANCEL"), names(ok("b", Phase.CANCEL)));
    }

    @Test
    void aFailingConfirmIsRetriedWithBackoffThenTheSagaIsParked() {
        confirming();
        ok("b", Phase.CONFIRM);
        ok("c", Phase.CONFIRM);
        saga.onReply(ABC, "a", Phase.CONFIRM, false, "db down", T0);
        assertEquals(T0.plusSeconds(1), saga.nextWakeUp().orElseThrow());
        assertEquals(List.of(), names(saga.onTick(ABC, T0.plusMillis(999))));

        List<Command> resend = saga.onTick(ABC, T0.plusSeconds(1));
        assertEquals(List.of("a CONFIRM"), names(resend));
        assertEquals(2, resend.get(0).attempt());

        // The resend times out: backoff doubles.
        saga.onTick(ABC, T0.plusSeconds(11));
        assertEquals(T0.plusSeconds(13), saga.nextWakeUp().orElseThrow());
        saga.onTick(ABC, T0.plusSeconds(13));
        saga.onReply(ABC, "a", Phase.CONFIRM, false, "db down", T0.plusSeconds(14));

        assertEquals(SagaStatus.NEEDS_ATTENTION, saga.status);
        assertTrue(saga.failureReason.contains("a confirm failed 3 times"), saga.failureReason);
        assertTrue(saga.nextWakeUp().isEmpty());
    }

    @Test
    void repeatedAndUnexpectedRepliesChangeNothing() {
        saga.start(ABC, T0);
        ok("a", Phase.TRY);
        assertEquals(List.of(), names(ok("a", Phase.TRY)), "duplicate Try answer");
        assertEquals(List.of(), names(ok("c", Phase.CONFIRM)), "answer to a command never sent");
        assertEquals(SagaStatus.TRYING, saga.status);
    }

    @Test
    void commandsCarryTheSagaTheStepAndThePayload() {
        Command first = saga.start(ABC, T0).get(0);
        assertEquals("sag_1", first.sagaId());
        assertEquals("a.commands", first.topic());
        assertEquals("ord_1", first.payload().get("order_id").asText());
        assertEquals(1, first.attempt());
        assertEquals(T0.plusSeconds(10), saga.nextWakeUp().orElseThrow());
    }

    private void confirming() {
        saga.start(ABC, T0);
        ok("a", Phase.TRY);
        ok("b", Phase.TRY);
        ok("c", Phase.TRY);
    }

    private List<Command> ok(String step, Phase phase) {
        return saga.onReply(ABC, step, phase, true, null, T0);
    }

    private static List<String> names(List<Command> commands) {
        return commands.stream().map(c -> c.step() + " " + c.phase()).toList();
    }
}

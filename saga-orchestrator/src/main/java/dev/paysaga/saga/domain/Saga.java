package dev.paysaga.saga.domain;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One saga instance and the engine that advances it. Every method takes what happened (a reply,
 * the clock) and returns the commands to send; it never sends anything itself, so the caller
 * persists the new state and the commands (through the outbox) in one transaction.
 */
public final class Saga {
    public String id;
    public String type;
    /**
     * The merchant the saga's payment or refund belongs to: only it (and the platform) may read the saga.
     * {@code null} for sagas stored before merchants owned them, which only the platform sees.
     */
    public String merchantId;
    /** Name of the step table this saga runs ({@link SagaDefinition#name()}). */
    public String definition;
    public SagaStatus status;
    public JsonNode payload;
    public List<StepState> steps;
    public String failureReason;
    /** Stable code of why the saga cancels (the failed Try's code, or {@code timeout}); told to every Cancel. */
    public String failureCode;
    public Instant createdAt;
    public Instant updatedAt;

    /** One step's three phases. */
    public static final class StepState {
        public String name;
        public Map<Phase, PhaseState> phases = new EnumMap<>(Phase.class);

        PhaseState phase(Phase phase) {
            return phases.computeIfAbsent(phase, p -> new PhaseState());
        }
    }

    /** A new saga, waiting: nothing sent yet; {@link #start} sends its first Try. */
    public static Saga begin(String id, SagaDefinition definition, String merchantId, JsonNode payload, Instant now) {
        Saga saga = new Saga();
        saga.id = id;
        saga.type = definition.type();
        saga.merchantId = merchantId;
        saga.definition = definition.name();
        saga.status = SagaStatus.WAITING;
        saga.payload = payload;
        saga.steps = new ArrayList<>();
        for (StepDefinition step : definition.steps()) {
            StepState state = new StepState();
            state.name = step.name();
            for (Phase phase : Phase.values()) {
                state.phase(phase);
            }
            saga.steps.add(state);
        }
        saga.createdAt = now;
        saga.updatedAt = now;
        return saga;
    }

    public List<Command> start(SagaDefinition definition, Instant now) {
        if (status != SagaStatus.WAITING) {
            throw new IllegalStateException("saga " + id + " started twice");
        }
        status = SagaStatus.TRYING;
        updatedAt = now;
        return nextTries(definition, now);
    }

    /** A participant answered; a reply that is late, repeated or for another phase changes nothing. */
    public List<Command> onReply(SagaDefinition definition, String stepName, Phase phase, boolean succeeded,
            String error, Instant now) {
        int index = indexOf(stepName);
        PhaseState state = steps.get(index).phase(phase);
        if (status.isFinal() || state.status != PhaseState.Status.SENT) {
            return List.of();
        }
        updatedAt = now;
        return switch (phase) {
            case TRY -> {
                state.answered(succeeded, error, now);
                if (status != SagaStatus.TRYING) {
                    yield List.of(); // already cancelling: that Cancel covers this step too
                }
                if (!succeeded) {
                    yield beginCancel(definition, stepName + " try failed: " + error, error, now);
                }
                yield steps.stream().allMatch(s -> s.phase(Phase.TRY).status == PhaseState.Status.SUCCEEDED)
                        ? confirmAll(definition, now)
                        : nextTries(definition, now);
            }
            case CONFIRM -> succeeded ? afterConfirm(state, now) : retryOrPark(definition, index, Phase.CONFIRM, error, now);
            case CANCEL -> succeeded ? afterCancel(definition, state, now)
                    : retryOrPark(definition, index, Phase.CANCEL, error, now);
        };
    }

    /** The clock moved: Try deadlines fail the saga, Confirm/Cancel deadlines and due retries resend. */
    public List<Command> onTick(SagaDefinition definition, Instant now) {
        List<Command> commands = new ArrayList<>();
        for (int i = 0; i < steps.size() && !status.isFinal(); i++) {
            for (Phase phase : Phase.values()) {
                PhaseState state = steps.get(i).phase(phase);
                if (state.status == PhaseState.Status.SENT && !now.isBefore(state.deadlineAt)) {
                    updatedAt = now;
                    if (phase == Phase.TRY) {
                        state.answered(false, "timed out", now);
                        if (status == SagaStatus.TRYING) {
                            commands.addAll(beginCancel(definition, steps.get(i).name + " try timed out", "timeout", now));
                        }
                    } else {
                        commands.addAll(retryOrPark(definition, i, phase, "timed out", now));
                    }
                } else if (state.status == PhaseState.Status.RETRY_WAIT && !now.isBefore(state.retryAt)) {
                    updatedAt = now;
                    commands.add(send(definition, i, phase, now));
                }
            }
        }
        return commands;
    }

    /** When {@link #onTick} next has something to do, if ever. */
    public Optional<Instant> nextWakeUp() {
        if (status.isFinal()) {
            return Optional.empty();
        }
        return steps.stream().flatMap(s -> s.phases.values().stream())
                .flatMap(p -> Stream.of(p.status == PhaseState.Status.SENT ? p.deadlineAt : null,
                        p.status == PhaseState.Status.RETRY_WAIT ? p.retryAt : null))
                .filter(java.util.Objects::nonNull)
                .min(Instant::compareTo);
    }

    /**
     * The Tries to send now: every one not sent yet when the table runs them at once, else the first
     * not sent yet once all before it succeeded (none while one is out).
     */
    private List<Command> nextTries(SagaDefinition definition, Instant now) {
        List<Command> tries = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            PhaseState tried = steps.get(i).phase(Phase.TRY);
            if (tried.status == PhaseState.Status.NOT_SENT) {
                tries.add(send(definition, i, Phase.TRY, now));
                if (!definition.triesAtOnce()) {
                    break;
                }
            } else if (tried.status != PhaseState.Status.SUCCEEDED && !definition.triesAtOnce()) {
                break;
            }
        }
        return tries;
    }

    private List<Command> confirmAll(SagaDefinition definition, Instant now) {
        status = SagaStatus.CONFIRMING;
        List<Command> confirms = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            confirms.add(send(definition, i, Phase.CONFIRM, now));
        }
        return confirms;
    }

    private List<Command> afterConfirm(PhaseState state, Instant now) {
        state.answered(true, null, now);
        if (steps.stream().allMatch(s -> s.phase(Phase.CONFIRM).status == PhaseState.Status.SUCCEEDED)) {
            status = SagaStatus.COMPLETED;
        }
        return List.of();
    }

    private List<Command> beginCancel(SagaDefinition definition, String reason, String code, Instant now) {
        status = SagaStatus.CANCELLING;
        failureReason = reason;
        failureCode = code;
        return nextCancel(definition, now);
    }

    private List<Command> afterCancel(SagaDefinition definition, PhaseState state, Instant now) {
        state.answered(true, null, now);
        return nextCancel(definition, now);
    }

    /**
     * Cancels run one at a time, last step first, for every step whose Try may have happened — and
     * for a step whose resource predates the saga, always.
     */
    private List<Command> nextCancel(SagaDefinition definition, Instant now) {
        for (int i = steps.size() - 1; i >= 0; i--) {
            StepState step = steps.get(i);
            boolean mayHaveHappened = step.phase(Phase.TRY).wasSent() || definition.steps().get(i).cancelAlways();
            if (mayHaveHappened && step.phase(Phase.CANCEL).status != PhaseState.Status.SUCCEEDED) {
                PhaseState cancel = step.phase(Phase.CANCEL);
                return cancel.status == PhaseState.Status.NOT_SENT ? List.of(send(definition, i, Phase.CANCEL, now)) : List.of();
            }
        }
        status = SagaStatus.CANCELLED;
        return List.of();
    }

    private List<Command> retryOrPark(SagaDefinition definition, int index, Phase phase, String error, Instant now) {
        StepDefinition step = definition.steps().get(index);
        PhaseState state = steps.get(index).phase(phase);
        if (state.attempts >= step.retry().maxAttempts()) {
            state.answered(false, error, now);
            status = SagaStatus.NEEDS_ATTENTION;
            failureReason = step.name() + " " + phase.name().toLowerCase() + " failed " + state.attempts
                    + " times: " + error;
            return List.of();
        }
        state.retryAt(now.plus(step.retry().backoffAfter(state.attempts)), error);
        return List.of();
    }

    private Command send(SagaDefinition definition, int index, Phase phase, Instant now) {
        StepDefinition step = definition.steps().get(index);
        PhaseState state = steps.get(index).phase(phase);
        state.sent(now, now.plus(step.deadline()));
        return new Command(id, step.name(), step.participant(), step.topic(), phase, state.attempts, payload);
    }

    private int indexOf(String stepName) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).name.equals(stepName)) {
                return i;
            }
        }
        throw new IllegalArgumentException("saga " + id + " has no step " + stepName);
    }
}

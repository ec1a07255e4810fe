package dev.paysaga.saga.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paysaga.contracts.PaymentInstruction;
import dev.paysaga.contracts.PaymentRequested;
import dev.paysaga.contracts.RefundInstruction;
import dev.paysaga.contracts.RefundRequested;
import dev.paysaga.contracts.SagaCommand;
import dev.paysaga.contracts.SagaReply;
import dev.paysaga.runtime.messaging.Outbox;
import dev.paysaga.runtime.messaging.OutgoingEvent;
import dev.paysaga.saga.persistence.SagaStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.jboss.logging.Logger;

/**
 * Runs the engine against the store: every change of a saga and the commands it causes commit
 * together (the commands through the outbox), so a crash between them is impossible and the saga
 * resumes from the database.
 */
@ApplicationScoped
public class SagaDriver {
    private static final Logger LOG = Logger.getLogger(SagaDriver.class);
    static final int TICK_BATCH = 100;

    private final SagaStore store;
    private final Outbox outbox;
    private final ObjectMapper mapper;
    private final MeterRegistry registry;
    private final SagaDefinitions definitions;
    private final SagaAdmission admission;

    SagaDriver(SagaStore store, Outbox outbox, ObjectMapper mapper, MeterRegistry registry, SagaDefinitions definitions,
            SagaAdmission admission) {
        this.definitions = definitions;
        this.admission = admission;
        this.store = store;
        this.outbox = outbox;
        this.mapper = mapper;
        this.registry = registry;
    }

    /** Starts the payment saga; a repeated request for the same saga id changes nothing. */
    public Uni<Void> start(PaymentRequested request) {
        return start(definitions.forPayment(request.payment()), request.sagaId(), request.payment().merchantId(),
                request.payment());
    }

    /** Starts the refund saga; a repeated request for the same saga id changes nothing. */
    public Uni<Void> start(RefundRequested request) {
        return start(definitions.forRefund(request.refund()), request.sagaId(), request.refund().merchantId(),
                request.refund());
    }

    /** Stored either way; its first Try goes out now if admission lets it, else it waits for a slot. */
    private Uni<Void> start(SagaDefinition definition, String sagaId, String merchantId, Object instruction) {
        Instant now = Instant.now();
        Saga saga = Saga.begin(sagaId, definition, merchantId, mapper.valueToTree(instruction), now);
        return admission.admitsNew(definition).chain(admitted -> {
            List<Command> commands = admitted ? saga.start(definition, now) : List.of();
            return store.insert(saga, definition.bounded())
                    .chain(created -> created ? send(saga, commands) : Uni.createFrom().voidItem());
        });
    }

    /** A participant's answer; one for an unknown saga is dropped (sagas are never deleted, so it is foreign). */
    public Uni<Void> onReply(SagaReply reply) {
        return store.lock(reply.sagaId()).chain(saga -> {
            if (saga == null) {
                LOG.warnf("reply for unknown saga %s dropped", reply.sagaId());
                return Uni.createFrom().voidItem();
            }
            SagaDefinition definition = definition(saga);
            Phase phase = Phase.valueOf(reply.phase().toUpperCase(Locale.ROOT));
            boolean wasFinal = saga.status.isFinal();
            Instant now = Instant.now();
            List<Command> commands = saga.onReply(definition, reply.step(), phase, reply.succeeded(),
                    reply.failureCode(), now);
            // A finished saga frees its slot: the oldest waiting one takes it now, not on the next tick.
            boolean freedSlot = !wasFinal && saga.status.isFinal() && definition.bounded();
            return save(saga, commands).chain(() -> freedSlot ? admitWaiting(now) : Uni.createFrom().item(0))
                    .replaceWithVoid();
        });
    }

    /**
     * Advances every saga whose deadline or retry is due (at most a batch per call), then starts the
     * waiting sagas there is room for.
     */
    public Uni<Integer> tick() {
        Instant now = Instant.now();
        return Panache.withTransaction(() -> store.lockDue(now, TICK_BATCH).chain(due -> Multi.createFrom().iterable(due)
                        .onItem().transformToUniAndConcatenate(saga -> save(saga, saga.onTick(definition(saga), now)))
                        .collect().asList().replaceWith(due.size())))
                .chain(advanced -> Panache.withTransaction(() -> admitWaiting(now)).map(admitted -> advanced + admitted));
    }

    private Uni<Integer> admitWaiting(Instant now) {
        return admission.nextWaiting(TICK_BATCH).chain(waiting -> Multi.createFrom().iterable(waiting)
                .onItem().transformToUniAndConcatenate(saga -> save(saga, saga.start(definition(saga), now)))
                .collect().asList().replaceWith(waiting.size()));
    }

    public SagaDefinition definitionOf(Saga saga) {
        return definition(saga);
    }

    public Uni<Saga> find(String id) {
        return Panache.withSession(() -> store.read(id));
    }

    private Uni<Void> save(Saga saga, List<Command> commands) {
        return store.update(saga).chain(() -> send(saga, commands)).invoke(() -> recordOutcome(saga));
    }

    private Uni<Void> send(Saga saga, List<Command> commands) {
        return Multi.createFrom().iterable(commands)
                .onItem().transformToUniAndConcatenate(command -> outbox.enqueue(new OutgoingEvent(command.topic(),
                        command.sagaId(), "saga." + command.phase().name().toLowerCase(Locale.ROOT), command.sagaId(),
                        command.sagaId(), toMessage(saga, command))))
                .collect().last().replaceWithVoid();
    }

    /** The saga's payload is its instruction: a payment for {@code pay_order}, a refund for {@code refund}. */
    private SagaCommand toMessage(Saga saga, Command command) {
        try {
            boolean refund = SagaDefinitions.REFUND.equals(saga.type);
            PaymentInstruction payment = refund ? null : mapper.treeToValue(command.payload(), PaymentInstruction.class);
            RefundInstruction refundInstruction = refund
                    ? mapper.treeToValue(command.payload(), RefundInstruction.class) : null;
            String failureCode = command.phase() == Phase.CANCEL ? saga.failureCode : null;
            return new SagaCommand(saga.id, saga.type, command.step(), command.phase().name().toLowerCase(Locale.ROOT),
                    command.attempt(), payment, refundInstruction, failureCode);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("saga " + saga.id + " payload does not fit its type " + saga.type, e);
        }
    }

    private void recordOutcome(Saga saga) {
        if (saga.status.isFinal()) {
            String outcome = saga.status.name().toLowerCase(Locale.ROOT);
            // The definition tells a wallet saga (machines only) from a channel one (waits for the customer):
            // a latency target applies to the first kind only.
            String definition = definition(saga).name();
            registry.counter("paysaga.saga.outcomes", "type", saga.type, "definition", definition, "status", outcome)
                    .increment();
            Timer.builder("paysaga.saga.duration").tag("type", saga.type).tag("definition", definition)
                    .tag("status", outcome).publishPercentileHistogram().register(registry)
                    .record(Duration.between(saga.createdAt, saga.updatedAt));
            if (saga.status == SagaStatus.NEEDS_ATTENTION) {
                LOG.errorf("saga %s needs attention: %s", saga.id, saga.failureReason);
            }
        }
    }

    private SagaDefinition definition(Saga saga) {
        String name = saga.definition != null ? saga.definition : saga.type;
        return definitions.byName(name).orElseThrow(() -> new IllegalStateException("no saga definition " + name));
    }
}

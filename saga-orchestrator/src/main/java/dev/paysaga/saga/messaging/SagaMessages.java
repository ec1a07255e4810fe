package dev.paysaga.saga.messaging;

import dev.paysaga.contracts.PaymentRequested;
import dev.paysaga.contracts.RefundRequested;
import dev.paysaga.contracts.SagaReply;
import dev.paysaga.runtime.messaging.Inbox;
import dev.paysaga.runtime.messaging.PoisonMessageException;
import dev.paysaga.saga.domain.SagaDriver;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** What moves sagas: payment and refund requests, participants' replies, and the clock. */
@ApplicationScoped
public class SagaMessages {
    private final Inbox inbox;
    private final SagaDriver driver;

    SagaMessages(Inbox inbox, SagaDriver driver) {
        this.inbox = inbox;
        this.driver = driver;
    }

    @Incoming("order-events")
    public Uni<Void> orderEvents(KafkaRecordBatch<String, byte[]> messages) {
        return inbox.processBatch("order-events", messages, Set.of(PaymentRequested.TYPE),
                event -> driver.start(valid(event.dataAs(PaymentRequested.class))));
    }

    @Incoming("saga-requests")
    public Uni<Void> requests(KafkaRecordBatch<String, byte[]> messages) {
        return inbox.processBatch("saga-requests", messages, event -> {
            if (!RefundRequested.TYPE.equals(event.type())) {
                throw new PoisonMessageException("saga.requests carries no " + event.type());
            }
            RefundRequested request = event.dataAs(RefundRequested.class);
            if (request.sagaId() == null || request.refund() == null || request.refund().refundId() == null) {
                throw new PoisonMessageException("refund.requested without saga or refund");
            }
            return driver.start(request);
        });
    }

    @Incoming("saga-replies")
    public Uni<Void> replies(KafkaRecordBatch<String, byte[]> messages) {
        return inbox.processBatch("saga-replies", messages, event -> driver.onReply(event.dataAs(SagaReply.class)));
    }

    @Scheduled(every = "${paysaga.saga.tick-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        return driver.tick().replaceWithVoid();
    }

    private static PaymentRequested valid(PaymentRequested request) {
        if (request.sagaId() == null || request.payment() == null || request.payment().paymentId() == null) {
            throw new PoisonMessageException("payment.requested without saga or payment");
        }
        return request;
    }
}

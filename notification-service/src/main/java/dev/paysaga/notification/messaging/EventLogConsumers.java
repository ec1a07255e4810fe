package dev.paysaga.notification.messaging;

import dev.paysaga.notification.domain.EventLog;
import dev.paysaga.runtime.messaging.Inbox;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Platform events → the merchant event log, each message applied once (inbox). */
@ApplicationScoped
public class EventLogConsumers {
    private final Inbox inbox;
    private final EventLog eventLog;

    EventLogConsumers(Inbox inbox, EventLog eventLog) {
        this.inbox = inbox;
        this.eventLog = eventLog;
    }

    @Incoming("order-events")
    public Uni<Void> orderEvents(KafkaRecordBatch<String, byte[]> messages) {
        return inbox.processBatch("order-events", messages, eventLog::record);
    }

    @Incoming("payment-events")
    public Uni<Void> paymentEvents(KafkaRecordBatch<String, byte[]> messages) {
        return inbox.processBatch("payment-events", messages, eventLog::record);
    }
}

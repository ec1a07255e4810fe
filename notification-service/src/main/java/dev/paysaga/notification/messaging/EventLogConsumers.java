package dev.paysaga.notification.messaging;

import dev.paysaga.notification.domain.EventLog;
import dev.paysaga.runtime.messaging.Inbox;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

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
    public Uni<Void> orderEvents(Message<byte[]> message) {
        return inbox.process("order-events", message, eventLog::record);
    }

    @Incoming("payment-events")
    public Uni<Void> paymentEvents(Message<byte[]> message) {
        return inbox.process("payment-events", message, eventLog::record);
    }
}

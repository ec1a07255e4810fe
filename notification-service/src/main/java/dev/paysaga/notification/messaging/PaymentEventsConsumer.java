package dev.paysaga.notification.messaging;

import dev.paysaga.notification.domain.EventLog;
import dev.paysaga.runtime.messaging.Inbox;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** payment.events → the merchant event log. */
@ApplicationScoped
public class PaymentEventsConsumer {
    static final String CHANNEL = "payment-events";
    private final Inbox inbox;
    private final EventLog eventLog;

    PaymentEventsConsumer(Inbox inbox, EventLog eventLog) {
        this.inbox = inbox;
        this.eventLog = eventLog;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(Message<byte[]> message) {
        return inbox.process(CHANNEL, message, eventLog::record);
    }
}

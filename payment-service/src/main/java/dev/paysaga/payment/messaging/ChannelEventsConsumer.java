package dev.paysaga.payment.messaging;

import dev.paysaga.contracts.ChannelRefundEvent;
import dev.paysaga.contracts.ChannelTransactionEvent;
import dev.paysaga.payment.domain.ChannelOutcome;
import dev.paysaga.payment.domain.ChannelRefundOutcome;
import dev.paysaga.runtime.messaging.Inbox;
import dev.paysaga.runtime.messaging.PoisonMessageException;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** The channels' outcomes of payments and refunds, from {@code channel.events}, each applied once (inbox). */
@ApplicationScoped
public class ChannelEventsConsumer {
    static final String CHANNEL = "channel-events";
    private final Inbox inbox;
    private final ChannelOutcome outcome;
    private final ChannelRefundOutcome refundOutcome;

    ChannelEventsConsumer(Inbox inbox, ChannelOutcome outcome, ChannelRefundOutcome refundOutcome) {
        this.inbox = inbox;
        this.outcome = outcome;
        this.refundOutcome = refundOutcome;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(KafkaRecordBatch<String, byte[]> messages) {
        return inbox.processBatch(CHANNEL, messages, event -> {
            if (ChannelRefundEvent.SUCCEEDED.equals(event.type()) || ChannelRefundEvent.FAILED.equals(event.type())) {
                ChannelRefundEvent data = event.dataAs(ChannelRefundEvent.class);
                if (data.refundId() == null || data.status() == null) {
                    throw new PoisonMessageException(event + " has no refund id or status");
                }
                return refundOutcome.apply(data);
            }
            if (!ChannelTransactionEvent.SUCCEEDED.equals(event.type()) && !ChannelTransactionEvent.FAILED.equals(event.type())) {
                return Uni.createFrom().voidItem(); // not an outcome
            }
            ChannelTransactionEvent data = event.dataAs(ChannelTransactionEvent.class);
            if (data.paymentId() == null || data.status() == null) {
                throw new PoisonMessageException(event + " has no payment id or status");
            }
            return outcome.apply(data);
        });
    }
}

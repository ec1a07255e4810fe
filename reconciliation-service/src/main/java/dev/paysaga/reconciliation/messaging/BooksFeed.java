package dev.paysaga.reconciliation.messaging;

import dev.paysaga.contracts.ChannelRefundEvent;
import dev.paysaga.contracts.ChannelTransactionEvent;
import dev.paysaga.contracts.PaymentEvent;
import dev.paysaga.contracts.PaymentInstruction;
import dev.paysaga.reconciliation.persistence.Books;
import dev.paysaga.runtime.messaging.IncomingEvent;
import dev.paysaga.runtime.messaging.Inbox;
import dev.paysaga.runtime.messaging.PoisonMessageException;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Set;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** channel.events and payment.events → our books as reconciliation reads them, each message applied once (inbox). */
@ApplicationScoped
public class BooksFeed {
    private static final Set<String> CHANNEL_OUTCOMES = Set.of(ChannelTransactionEvent.SUCCEEDED, ChannelTransactionEvent.FAILED,
            ChannelRefundEvent.SUCCEEDED, ChannelRefundEvent.FAILED);
    private static final Set<String> PAYMENT_OUTCOMES = Set.of(PaymentEvent.SUCCEEDED, PaymentEvent.FAILED);

    private final Inbox inbox;
    private final Books books;

    BooksFeed(Inbox inbox, Books books) {
        this.inbox = inbox;
        this.books = books;
    }

    @Incoming("channel-events")
    public Uni<Void> channelEvents(KafkaRecordBatch<String, byte[]> messages) {
        return inbox.processBatch("channel-events", messages, CHANNEL_OUTCOMES, event -> {
            if (event.type().startsWith("channel.refund.")) {
                ChannelRefundEvent refund = event.dataAs(ChannelRefundEvent.class);
                if (refund.refundId() == null || refund.paymentId() == null || refund.status() == null) {
                    throw new PoisonMessageException(event + " has no refund id, payment id or status");
                }
                return books.refund(refund, timeOf(event));
            }
            ChannelTransactionEvent payment = event.dataAs(ChannelTransactionEvent.class);
            if (payment.paymentId() == null || payment.channel() == null || payment.status() == null) {
                throw new PoisonMessageException(event + " has no payment id, channel or status");
            }
            return books.channelWord(payment, timeOf(event));
        });
    }

    @Incoming("payment-events")
    public Uni<Void> paymentEvents(KafkaRecordBatch<String, byte[]> messages) {
        return inbox.processBatch("payment-events", messages, PAYMENT_OUTCOMES, event -> {
            PaymentEvent payment = event.dataAs(PaymentEvent.class);
            if (payment.paymentId() == null || payment.status() == null) {
                throw new PoisonMessageException(event + " has no payment id or status");
            }
            if (PaymentInstruction.WALLET.equals(payment.method())) {
                return Uni.createFrom().voidItem(); // no channel: nothing to reconcile
            }
            return books.outcome(payment);
        });
    }

    /** When the event happened (its CloudEvents time), else when it arrived. */
    private static Instant timeOf(IncomingEvent event) {
        return event.time() != null ? event.time() : Instant.now();
    }
}

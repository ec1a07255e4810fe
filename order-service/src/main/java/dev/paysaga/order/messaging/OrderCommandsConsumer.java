package dev.paysaga.order.messaging;

import dev.paysaga.order.domain.OrderPayments;
import dev.paysaga.runtime.tcc.TccCommands;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** The order step of payment sagas, from {@code order.commands}. */
@ApplicationScoped
public class OrderCommandsConsumer {
    static final String CHANNEL = "order-commands";
    private final TccCommands commands;
    private final OrderPayments payments;

    OrderCommandsConsumer(TccCommands commands, OrderPayments payments) {
        this.commands = commands;
        this.payments = payments;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(KafkaRecordBatch<String, byte[]> messages) {
        return commands.handle(CHANNEL, messages, payments);
    }
}

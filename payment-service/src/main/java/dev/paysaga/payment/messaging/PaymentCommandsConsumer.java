package dev.paysaga.payment.messaging;

import dev.paysaga.contracts.SagaCommand;
import dev.paysaga.payment.domain.ChannelRefundStep;
import dev.paysaga.payment.domain.ChannelStep;
import dev.paysaga.payment.domain.PaymentStep;
import dev.paysaga.payment.domain.RefundStep;
import dev.paysaga.runtime.tcc.TccCommands;
import dev.paysaga.runtime.tcc.TccParticipant;
import dev.paysaga.runtime.tcc.TccRoute;
import java.util.Map;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** The payment and channel steps of payment sagas and the refund and channel steps of refund sagas, from {@code payment.commands}. */
@ApplicationScoped
public class PaymentCommandsConsumer {
    static final String CHANNEL = "payment-commands";
    private final TccCommands commands;
    private final Map<TccRoute, TccParticipant> routes;

    PaymentCommandsConsumer(TccCommands commands, PaymentStep payment, ChannelStep channel, RefundStep refund,
            ChannelRefundStep channelRefund) {
        this.commands = commands;
        this.routes = Map.of(new TccRoute(SagaCommand.PAY_ORDER, "payment"), payment,
                new TccRoute(SagaCommand.PAY_ORDER, ChannelStep.STEP), channel,
                new TccRoute(SagaCommand.REFUND, "refund"), refund,
                new TccRoute(SagaCommand.REFUND, ChannelRefundStep.STEP), channelRefund);
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(KafkaRecordBatch<String, byte[]> messages) {
        return commands.handle(CHANNEL, messages, routes);
    }
}

package dev.paysaga.notification.messaging;

import dev.paysaga.contracts.SagaCommand;
import dev.paysaga.notification.domain.NotificationStep;
import dev.paysaga.notification.domain.RefundNotificationStep;
import dev.paysaga.runtime.tcc.TccCommands;
import dev.paysaga.runtime.tcc.TccParticipant;
import dev.paysaga.runtime.tcc.TccRoute;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** The notification step of payment and refund sagas, from {@code notification.commands}. */
@ApplicationScoped
public class NotificationCommandsConsumer {
    static final String CHANNEL = "notification-commands";
    private final TccCommands commands;
    private final Map<TccRoute, TccParticipant> routes;

    NotificationCommandsConsumer(TccCommands commands, NotificationStep payment, RefundNotificationStep refund) {
        this.commands = commands;
        this.routes = Map.of(new TccRoute(SagaCommand.PAY_ORDER, "notification"), payment,
                new TccRoute(SagaCommand.REFUND, "notification"), refund);
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(KafkaRecordBatch<String, byte[]> messages) {
        return commands.handle(CHANNEL, messages, routes);
    }
}

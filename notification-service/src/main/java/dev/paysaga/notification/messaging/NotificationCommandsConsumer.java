package dev.paysaga.notification.messaging;

import dev.paysaga.notification.domain.NotificationStep;
import dev.paysaga.runtime.tcc.TccCommands;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** The notification step of payment sagas, from {@code notification.commands}. */
@ApplicationScoped
public class NotificationCommandsConsumer {
    static final String CHANNEL = "notification-commands";
    private final TccCommands commands;
    private final NotificationStep step;

    NotificationCommandsConsumer(TccCommands commands, NotificationStep step) {
        this.commands = commands;
        this.step = step;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(Message<byte[]> message) {
        return commands.handle(CHANNEL, message, step);
    }
}

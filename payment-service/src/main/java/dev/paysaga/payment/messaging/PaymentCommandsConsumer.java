package dev.paysaga.payment.messaging;

import dev.paysaga.payment.domain.PaymentStep;
import dev.paysaga.runtime.tcc.TccCommands;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** The payment step of payment sagas, from {@code payment.commands}. */
@ApplicationScoped
public class PaymentCommandsConsumer {
    static final String CHANNEL = "payment-commands";
    private final TccCommands commands;
    private final PaymentStep step;

    PaymentCommandsConsumer(TccCommands commands, PaymentStep step) {
        this.commands = commands;
        this.step = step;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(Message<byte[]> message) {
        return commands.handle(CHANNEL, message, step);
    }
}

package dev.paysaga.ledger.messaging;

import dev.paysaga.ledger.domain.FundsStep;
import dev.paysaga.runtime.tcc.TccCommands;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** The funds step of payment sagas, from {@code ledger.commands}. */
@ApplicationScoped
public class LedgerCommandsConsumer {
    static final String CHANNEL = "ledger-commands";
    private final TccCommands commands;
    private final FundsStep funds;

    LedgerCommandsConsumer(TccCommands commands, FundsStep funds) {
        this.commands = commands;
        this.funds = funds;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(Message<byte[]> message) {
        return commands.handle(CHANNEL, message, funds);
    }
}

package dev.paysaga.ledger.messaging;

import dev.paysaga.contracts.SagaCommand;
import dev.paysaga.ledger.domain.FundsStep;
import dev.paysaga.ledger.domain.RefundFundsStep;
import dev.paysaga.runtime.tcc.TccCommands;
import dev.paysaga.runtime.tcc.TccParticipant;
import dev.paysaga.runtime.tcc.TccRoute;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** The funds step of payment and refund sagas, from {@code ledger.commands}. */
@ApplicationScoped
public class LedgerCommandsConsumer {
    static final String CHANNEL = "ledger-commands";
    private final TccCommands commands;
    private final Map<TccRoute, TccParticipant> routes;

    LedgerCommandsConsumer(TccCommands commands, FundsStep payment, RefundFundsStep refund) {
        this.commands = commands;
        this.routes = Map.of(new TccRoute(SagaCommand.PAY_ORDER, "funds"), payment,
                new TccRoute(SagaCommand.REFUND, "funds"), refund);
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(KafkaRecordBatch<String, byte[]> messages) {
        return commands.handle(CHANNEL, messages, routes);
    }
}

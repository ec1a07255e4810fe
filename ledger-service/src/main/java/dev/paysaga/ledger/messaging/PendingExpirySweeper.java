package dev.paysaga.ledger.messaging;

import dev.paysaga.ledger.domain.PendingExpiry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** The clock that expires pending transfers: every replica sweeps; SKIP LOCKED keeps each expiry single. */
@ApplicationScoped
public class PendingExpirySweeper {
    private final PendingExpiry expiry;

    PendingExpirySweeper(PendingExpiry expiry) {
        this.expiry = expiry;
    }

    @Scheduled(every = "${paysaga.ledger.expiry-sweep-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sweep() {
        return expiry.expireDue().replaceWithVoid();
    }
}

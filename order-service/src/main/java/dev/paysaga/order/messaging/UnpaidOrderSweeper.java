package dev.paysaga.order.messaging;

import dev.paysaga.order.domain.UnpaidOrderTimeouts;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** The clock that closes unpaid orders: every replica sweeps; the row locks keep each close single. */
@ApplicationScoped
public class UnpaidOrderSweeper {
    private final UnpaidOrderTimeouts timeouts;

    UnpaidOrderSweeper(UnpaidOrderTimeouts timeouts) {
        this.timeouts = timeouts;
    }

    @Scheduled(every = "${paysaga.order.sweep-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sweep() {
        return timeouts.closeExpired().replaceWithVoid();
    }
}

package dev.paysaga.saga.domain;

import dev.paysaga.saga.persistence.SagaStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Admission control: at most {@code paysaga.saga.max-in-flight} bounded sagas are between their
 * first command and their end; the others wait in the database, oldest first, where waiting costs
 * nothing. Without the bound, an offered load above what the participants complete queues commands
 * until every Try outlives its deadline, and each timeout adds a chain of Cancels: the suite then
 * cancels nearly everything it is offered (docs/benchmarks.md). With it the excess waits, and what
 * runs completes at full speed.
 *
 * <p>Every decision holds one advisory lock of the sagas database until its transaction ends, so
 * the limit holds across replicas and a new saga never overtakes one that waits.
 */
@ApplicationScoped
public class SagaAdmission {
    private final SagaStore store;
    private final int maxInFlight;

    SagaAdmission(SagaStore store, @ConfigProperty(name = "paysaga.saga.max-in-flight", defaultValue = "64") int maxInFlight) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("paysaga.saga.max-in-flight must be at least 1");
        }
        this.store = store;
        this.maxInFlight = maxInFlight;
    }

    /** Whether a new saga of {@code definition} may send its first command now, in this transaction. */
    public Uni<Boolean> admitsNew(SagaDefinition definition) {
        if (!definition.bounded()) {
            return Uni.createFrom().item(true);
        }
        return store.lockAdmission().map(state -> !state.anyWaiting() && state.inFlight() < maxInFlight);
    }

    /**
     * The waiting sagas that may start now, oldest first, locked for this transaction; at most
     * {@code limit}. Without a waiting saga the lock is not taken: every finishing saga asks, and
     * would otherwise queue on the lock behind all the others. One that starts waiting meanwhile
     * is admitted by the next tick.
     */
    public Uni<List<Saga>> nextWaiting(int limit) {
        return store.anyWaiting().chain(any -> any ? lockedWaiting(limit) : Uni.createFrom().item(List.of()));
    }

    private Uni<List<Saga>> lockedWaiting(int limit) {
        return store.lockAdmission().chain(state -> {
            long free = Math.min(limit, maxInFlight - state.inFlight());
            return state.anyWaiting() && free > 0 ? store.lockWaiting((int) free) : Uni.createFrom().item(List.of());
        });
    }
}

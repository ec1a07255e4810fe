package dev.paysaga.ledger.domain;

import dev.paysaga.ledger.persistence.LedgerStore;
import dev.paysaga.ledger.persistence.Postings;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Releases pending transfers whose timeout has passed, judged by the database's clock. Each batch
 * is one transaction that claims due transfers {@code FOR NO KEY UPDATE SKIP LOCKED}: replicas
 * sweeping at once share the work, and a transfer someone is posting or voiding right now is left
 * to them (if they win, it is no longer pending; if they lose, the next sweep takes it).
 */
@ApplicationScoped
public class PendingExpiry {
    static final int MAX_BATCHES_PER_SWEEP = 10;
    static final int MAX_BATCH_SIZE = 1_000;

    private final LedgerStore store;
    private final Postings postings;
    private final int batchSize;

    PendingExpiry(LedgerStore store, Postings postings,
            @ConfigProperty(name = "paysaga.ledger.expiry-batch-size", defaultValue = "100") int batchSize) {
        if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
            throw new IllegalArgumentException("paysaga.ledger.expiry-batch-size must be 1 to " + MAX_BATCH_SIZE);
        }
        this.store = store;
        this.postings = postings;
        this.batchSize = batchSize;
    }

    /** Expires what is due by the database's clock; returns how many transfers expired. */
    public Uni<Integer> expireDue() {
        return Panache.withSession(store::now).chain(now -> expireDue(now));
    }

    /** Expires the pending transfers due at {@code now}; tests pass a later instant instead of waiting. */
    public Uni<Integer> expireDue(Instant now) {
        return expireBatches(now, 1, 0);
    }

    private Uni<Integer> expireBatches(Instant now, int batch, int expiredBefore) {
        return Panache.withTransaction(() -> store.lockDueForExpiry(now, batchSize)
                        .chain(due -> postings.expire(now, due)).map(expired -> expired.size()))
                .chain(expired -> expired == batchSize && batch < MAX_BATCHES_PER_SWEEP
                        ? expireBatches(now, batch + 1, expiredBefore + expired)
                        : Uni.createFrom().item(expiredBefore + expired));
    }
}

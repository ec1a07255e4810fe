package dev.paysaga.saga.api;

import dev.paysaga.saga.domain.SagaStatus;
import dev.paysaga.saga.persistence.SagaStore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * {@code paysaga_sagas_needing_attention}: how many sagas are parked for an operator right now.
 * A scrape reads the last count; the count itself is one index-only query on a schedule, so
 * scrapes cost the database nothing. Every replica reports the same global number: alert on
 * {@code max}, never {@code sum}. Until the first count it reads NaN, not a reassuring 0.
 */
@ApplicationScoped
public class SagasNeedingAttentionGauge {
    static final String NAME = "paysaga.sagas.needing.attention";
    private static final Logger LOG = Logger.getLogger(SagasNeedingAttentionGauge.class);

    private final SagaStore store;
    private final AtomicReference<Double> count = new AtomicReference<>(Double.NaN);

    SagasNeedingAttentionGauge(SagaStore store) {
        this.store = store;
    }

    void register(@Observes StartupEvent event, MeterRegistry registry) {
        Gauge.builder(NAME, count, AtomicReference::get)
                .description("Sagas parked NEEDS_ATTENTION (Confirm or Cancel kept failing), as last counted")
                .register(registry);
    }

    /** A failed count keeps the last value (and says so in the log) rather than dropping to 0. */
    @Scheduled(every = "${paysaga.saga.attention-refresh:15s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refresh() {
        return Panache.withSession(() -> store.count(SagaStatus.NEEDS_ATTENTION))
                .invoke(n -> count.set(n.doubleValue()))
                .onFailure().invoke(e -> LOG.warnf("cannot count sagas needing attention: %s", e.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}

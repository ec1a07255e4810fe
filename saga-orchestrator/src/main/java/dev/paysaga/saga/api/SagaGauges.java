package dev.paysaga.saga.api;

import dev.paysaga.saga.domain.SagaStatus;
import dev.paysaga.saga.persistence.SagaStore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * How many sagas are in the statuses an operator watches: {@code paysaga_sagas_needing_attention}
 * (parked, someone must look) and {@code paysaga_sagas_waiting} (queued by admission control: a
 * growing number means more is offered than the suite completes). A scrape reads the last count;
 * the counts are index-only queries on a schedule, so scrapes cost the database nothing. Every
 * replica reports the same global numbers: alert on {@code max}, never {@code sum}. Until the first
 * count a gauge reads NaN, not a reassuring 0.
 */
@ApplicationScoped
public class SagaGauges {
    static final String NEEDING_ATTENTION = "paysaga.sagas.needing.attention";
    static final String WAITING = "paysaga.sagas.waiting";
    private static final Logger LOG = Logger.getLogger(SagaGauges.class);

    private final SagaStore store;
    private final Map<SagaStatus, AtomicReference<Double>> counts = Map.of(
            SagaStatus.NEEDS_ATTENTION, new AtomicReference<>(Double.NaN),
            SagaStatus.WAITING, new AtomicReference<>(Double.NaN));

    SagaGauges(SagaStore store) {
        this.store = store;
    }

    void register(@Observes StartupEvent event, MeterRegistry registry) {
        Gauge.builder(NEEDING_ATTENTION, counts.get(SagaStatus.NEEDS_ATTENTION), AtomicReference::get)
                .description("Sagas parked NEEDS_ATTENTION (Confirm or Cancel kept failing), as last counted")
                .register(registry);
        Gauge.builder(WAITING, counts.get(SagaStatus.WAITING), AtomicReference::get)
                .description("Sagas waiting for a slot under paysaga.saga.max-in-flight, as last counted")
                .register(registry);
    }

    /** A failed count keeps the last value (and says so in the log) rather than dropping to 0. */
    @Scheduled(every = "${paysaga.saga.gauge-refresh:15s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refresh() {
        return Multi.createFrom().iterable(counts.entrySet())
                .onItem().transformToUniAndConcatenate(count -> Panache.withSession(() -> store.count(count.getKey()))
                        .invoke(n -> count.getValue().set(n.doubleValue()))
                        .onFailure().invoke(e -> LOG.warnf("cannot count sagas %s: %s", count.getKey(), e.toString()))
                        .onFailure().recoverWithNull())
                .collect().last().replaceWithVoid();
    }
}

package dev.paysaga.channel.domain;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import io.smallrye.mutiny.Multi;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs work on its own duplicated Vert.x context. The sweeps run many channel calls at once, and
 * Hibernate Reactive keeps one session per context: a session must never serve two of them at once.
 */
@ApplicationScoped
public class OwnContext {
    private final Vertx vertx;

    OwnContext(Vertx vertx) {
        this.vertx = vertx;
    }

    public <T> Uni<T> run(Supplier<Uni<T>> work) {
        Context context = VertxContext.createNewDuplicatedContext(vertx.getDelegate().getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        return Uni.createFrom().emitter(emitter -> context.runOnContext(ignored -> {
            try {
                work.get().subscribe().with(emitter::complete, emitter::fail);
            } catch (RuntimeException e) {
                emitter.fail(e);
            }
        }));
    }

    /**
     * A sweep's batch: {@code work} for each item, at most {@code concurrency} at a time, each on its own
     * context; how many answered true (resolved).
     */
    public <T> Uni<Integer> each(List<T> items, Function<T, Uni<Boolean>> work, int concurrency) {
        if (items.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return Multi.createFrom().iterable(items)
                .onItem().transformToUni(item -> run(() -> work.apply(item))).merge(concurrency)
                .collect().asList()
                .map(results -> (int) results.stream().filter(Boolean::booleanValue).count());
    }
}

package dev.paysaga.saga.testing;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.function.Supplier;

/** The sagas database as the module's tests reach it: from the test thread, and cleaned up after. */
public final class SagaRows {
    private SagaRows() {
    }

    /** Hibernate Reactive needs a Vert.x context; the test thread borrows one and waits. */
    public static <T> T onVertx(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** Deletes these sagas and the commands they left in the outbox: the database is shared with other runs. */
    public static void delete(List<String> sagaIds) {
        if (sagaIds.isEmpty()) {
            return;
        }
        onVertx(() -> Panache.withTransaction(() -> Panache.getSession().chain(s -> s
                .createNativeQuery("delete from outbox_message where saga_id in (?1)").setParameter(1, sagaIds)
                .executeUpdate().chain(() -> s.createNativeQuery("delete from saga where id in (?1)")
                        .setParameter(1, sagaIds).executeUpdate()))));
    }
}

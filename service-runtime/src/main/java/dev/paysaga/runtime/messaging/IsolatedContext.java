package dev.paysaga.runtime.messaging;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.function.Supplier;

/**
 * Runs reactive work on a Vert.x context of its own, as Quarkus does for each HTTP request and each
 * message: Hibernate Reactive keeps the current session per context, so work started from a timer or a
 * connection's callback, and several such jobs at once, each need one.
 */
public final class IsolatedContext {
    private IsolatedContext() {
    }

    public static <T> Uni<T> run(Vertx vertx, Supplier<Uni<T>> work) {
        return Uni.createFrom().emitter(emitter -> {
            Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
            VertxContextSafetyToggle.setContextSafe(context, true);
            context.runOnContext(ignored -> Uni.createFrom().deferred(work::get)
                    .subscribe().with(emitter::complete, emitter::fail));
        });
    }
}

package dev.paysaga.order.persistence;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The database's clock. Deadlines (an order's {@code expires_at}) are judged against it, so every
 * replica agrees on whether an order has expired whatever its own clock says.
 */
@ApplicationScoped
public class DatabaseClock {
    // As epoch microseconds: a plain number maps the same way through every driver.
    private static final String NOW = "select cast(extract(epoch from now()) * 1000000 as bigint)";

    /** The current transaction's time (PostgreSQL {@code now()}); needs a session. */
    public Uni<Instant> now() {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(NOW, Long.class).getSingleResult())
                .map(micros -> Instant.EPOCH.plus(micros, ChronoUnit.MICROS));
    }
}

package dev.paysaga.notification.stream;

import dev.paysaga.notification.domain.EventPayload;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Positioned events as streams read them: what a stream missed, and where an event id sits. */
@ApplicationScoped
public class EventBacklog {
    private static final String COLUMNS = "id, position, type, subject, merchant_id, occurred_at, data::text as data ";
    private static final String AFTER = "select " + COLUMNS + """
             from merchant_event where position > $1 and ($2::text is null or merchant_id = $2)
             order by position limit $3""";
    private static final String OF_SUBJECT = "select " + COLUMNS + """
             from merchant_event where subject = $1 and position is not null order by position""";
    private static final String LOCATE = "select position, merchant_id, subject from merchant_event where id = $1 and position is not null";

    /** Where an event sits, and whose it is. */
    public record Location(long position, String merchantId, String subject) {
    }

    private final Pool pool;
    private final EventPayload payload;

    EventBacklog(Pool pool, EventPayload payload) {
        this.pool = pool;
        this.payload = payload;
    }

    /** Up to {@code limit} events after {@code position}, of one merchant or ({@code null}) everyone's. */
    public Uni<List<StreamedEvent>> after(long position, String merchantId, int limit) {
        return pool.preparedQuery(AFTER).execute(Tuple.of(position, merchantId, limit)).map(this::events);
    }

    /** Every positioned event about {@code subject} (a payment's), oldest first. */
    public Uni<List<StreamedEvent>> about(String subject) {
        return pool.preparedQuery(OF_SUBJECT).execute(Tuple.of(subject)).map(this::events);
    }

    /** Where event {@code id} sits; empty if there is no such event or it has no position yet. */
    public Uni<Optional<Location>> locate(String id) {
        return pool.preparedQuery(LOCATE).execute(Tuple.of(id)).map(rows -> {
            if (rows.size() == 0) {
                return Optional.empty();
            }
            Row row = rows.iterator().next();
            return Optional.of(new Location(row.getLong("position"), row.getString("merchant_id"), row.getString("subject")));
        });
    }

    /** The highest position given so far; 0 before any. */
    public Uni<Long> latest() {
        return pool.query("select coalesce(max(position), 0) as latest from merchant_event").execute()
                .map(rows -> rows.iterator().next().getLong("latest"));
    }

    private List<StreamedEvent> events(RowSet<Row> rows) {
        List<StreamedEvent> events = new ArrayList<>(rows.size());
        for (Row row : rows) {
            String id = row.getString("id");
            String type = row.getString("type");
            Instant occurredAt = row.get(OffsetDateTime.class, "occurred_at").toInstant();
            String data = row.getString("data");
            events.add(new StreamedEvent(id, row.getLong("position"), type, row.getString("subject"),
                    row.getString("merchant_id"), occurredAt, data, payload.of(id, type, occurredAt, data)));
        }
        return events;
    }
}

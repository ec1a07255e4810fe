package dev.paysaga.notification.delivery;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The delivery table, as the dispatcher uses it. A delivery is claimed with a lease: a replica that dies
 * while sending leaves it to be claimed again once the lease ends, so every delivery is made at least
 * once. Claims skip rows another replica holds, and give no endpoint more deliveries in flight than its
 * share, so that one slow endpoint cannot take every slot.
 */
@ApplicationScoped
class Deliveries {
    private static final String CLAIM = """
            with candidates as (
                select event_id, endpoint_id, next_attempt_at from webhook_delivery
                 where status = 'pending' and next_attempt_at <= now() and (leased_until is null or leased_until < now())
                 order by next_attempt_at
                 limit $1
                   for update skip locked),
            ranked as (
                select c.event_id, c.endpoint_id,
                       row_number() over (partition by c.endpoint_id order by c.next_attempt_at)
                     + (select count(*) from webhook_delivery l
                         where l.endpoint_id = c.endpoint_id and l.status = 'pending' and l.leased_until > now()) as place
                  from candidates c),
            claimed as (
                update webhook_delivery d
                   set leased_until = now() + make_interval(secs => $3), attempts = d.attempts + 1
                  from ranked r
                 where d.event_id = r.event_id and d.endpoint_id = r.endpoint_id and r.place <= $2
                returning d.event_id, d.endpoint_id, d.attempts)
            select c.event_id, c.endpoint_id, c.attempts, e.type, e.data::text as data, e.occurred_at, w.url,
                   array(select s.secret from webhook_secret s
                          where s.endpoint_id = w.id and (s.expires_at is null or s.expires_at > now())
                          order by s.version desc) as secrets
              from claimed c
              join merchant_event e on e.id = c.event_id
              join webhook_endpoint w on w.id = c.endpoint_id""";
    private static final String ATTEMPT = """
            insert into webhook_attempt (event_id, endpoint_id, attempt, attempted_at, status_code, latency_ms, response, error)
            values ($1, $2, $3, $4, $5, $6, $7, $8)""";
    // Only a delivery still pending is settled: one cancelled meanwhile (endpoint deleted) stays cancelled.
    private static final String DELIVERED = """
            update webhook_delivery set status = 'delivered', leased_until = null, last_status_code = $3, finished_at = now()
             where event_id = $1 and endpoint_id = $2 and status = 'pending'""";
    private static final String ENDPOINT_WORKS = "update webhook_endpoint set failing_since = null where id = $1 and failing_since is not null";
    private static final String FAILED = """
            update webhook_delivery
               set status = case when $4::timestamptz is null then 'failed' else 'pending' end,
                   next_attempt_at = coalesce($4, next_attempt_at), leased_until = null, last_status_code = $3,
                   finished_at = case when $4::timestamptz is null then now() end
             where event_id = $1 and endpoint_id = $2 and status = 'pending'""";
    private static final String ENDPOINT_FAILS = """
            update webhook_endpoint set failing_since = coalesce(failing_since, now()) where id = $1
            returning status = 'enabled' and failing_since < now() - make_interval(secs => $2) as failing_too_long""";

    /** A delivery this dispatcher holds, with what it needs to send it. */
    record Claimed(String eventId, String endpointId, int attempt, String type, String data, Instant occurredAt,
            String url, List<String> secrets) {
    }

    private final Pool pool;

    Deliveries(Pool pool) {
        this.pool = pool;
    }

    Uni<List<Claimed>> claim(int limit, int perEndpoint, Duration lease) {
        return pool.withTransaction(connection -> connection.preparedQuery(CLAIM)
                .execute(Tuple.of(limit, perEndpoint, (double) lease.toSeconds()))
                .map(rows -> {
                    List<Claimed> claimed = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        claimed.add(new Claimed(row.getString("event_id"), row.getString("endpoint_id"),
                                row.getInteger("attempts"), row.getString("type"), row.getString("data"),
                                row.getOffsetDateTime("occurred_at").toInstant(), row.getString("url"),
                                Arrays.asList(row.getArrayOfStrings("secrets"))));
                    }
                    return claimed;
                }));
    }

    Uni<Void> delivered(Claimed delivery, Instant at, AttemptResult result) {
        return pool.withTransaction(connection -> connection.preparedQuery(ATTEMPT).execute(attempt(delivery, at, result))
                .chain(() -> connection.preparedQuery(DELIVERED)
                        .execute(Tuple.of(delivery.eventId(), delivery.endpointId(), result.statusCode())))
                .chain(() -> connection.preparedQuery(ENDPOINT_WORKS).execute(Tuple.of(delivery.endpointId())))
                .replaceWithVoid());
    }

    /**
     * A failed attempt, retried at {@code nextAttempt} (null: it was the last, the delivery is dead-lettered).
     * True if the endpoint has now failed for longer than {@code disableAfter}.
     */
    Uni<Boolean> failed(Claimed delivery, Instant at, AttemptResult result, Instant nextAttempt, Duration disableAfter) {
        return pool.withTransaction(connection -> connection.preparedQuery(ATTEMPT).execute(attempt(delivery, at, result))
                .chain(() -> connection.preparedQuery(FAILED).execute(Tuple.of(delivery.eventId(), delivery.endpointId(),
                        result.statusCode(), nextAttempt == null ? null : nextAttempt.atOffset(ZoneOffset.UTC))))
                .chain(() -> connection.preparedQuery(ENDPOINT_FAILS)
                        .execute(Tuple.of(delivery.endpointId(), (double) disableAfter.toSeconds())))
                .map(rows -> rows.size() == 1 && Boolean.TRUE.equals(rows.iterator().next().getBoolean(0))));
    }

    private static Tuple attempt(Claimed delivery, Instant at, AttemptResult result) {
        return Tuple.tuple(List.of()).addString(delivery.eventId()).addString(delivery.endpointId())
                .addInteger(delivery.attempt()).addOffsetDateTime(OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
                .addInteger(result.statusCode()).addInteger((int) Math.min(Integer.MAX_VALUE, result.latencyMs()))
                .addString(result.response()).addString(result.error());
    }
}

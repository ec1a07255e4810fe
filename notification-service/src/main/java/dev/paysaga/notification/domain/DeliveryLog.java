package dev.paysaga.notification.domain;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What became of an event's webhooks: per endpoint its delivery and every attempt, as merchants read it. */
@ApplicationScoped
public class DeliveryLog {
    private static final String DELIVERIES = """
            select d.endpoint_id, d.status, d.attempts, d.next_attempt_at, d.last_status_code, d.created_at, d.finished_at
              from webhook_delivery d where d.event_id = ?1 order by d.created_at, d.endpoint_id""";
    private static final String ATTEMPTS = """
            select endpoint_id, attempt, attempted_at, status_code, latency_ms, response, error
              from webhook_attempt where event_id = ?1 order by endpoint_id, attempt""";
    private static final String SUMMARY = """
            select event_id, status, count(*) from webhook_delivery where event_id in (?1) group by event_id, status""";

    public record Attempt(int attempt, Instant attemptedAt, Integer statusCode, int latencyMs, String response, String error) {
    }

    /** @param nextAttemptAt when a pending delivery is tried next */
    public record Delivery(String endpointId, String status, int attempts, Instant nextAttemptAt, Integer lastStatusCode,
            Instant createdAt, Instant finishedAt, List<Attempt> attemptLog) {
    }

    public Uni<List<Delivery>> of(String eventId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(ATTEMPTS, Object[].class)
                .setParameter(1, eventId).getResultList()
                .chain(attemptRows -> {
                    Map<String, List<Attempt>> attempts = new LinkedHashMap<>();
                    for (Object[] r : attemptRows) {
                        attempts.computeIfAbsent((String) r[0], k -> new ArrayList<>()).add(new Attempt(
                                number(r[1]), instant(r[2]), r[3] == null ? null : number(r[3]), number(r[4]),
                                (String) r[5], (String) r[6]));
                    }
                    return session.createNativeQuery(DELIVERIES, Object[].class).setParameter(1, eventId).getResultList()
                            .map(rows -> rows.stream().map(r -> new Delivery((String) r[0], (String) r[1], number(r[2]),
                                    "pending".equals(r[1]) ? instant(r[3]) : null, r[4] == null ? null : number(r[4]),
                                    instant(r[5]), instant(r[6]), attempts.getOrDefault((String) r[0], List.of()))).toList());
                }));
    }

    /** Per event, how many of its deliveries are in each status (an event with none is absent). */
    public Uni<Map<String, Map<String, Integer>>> summaries(List<String> eventIds) {
        if (eventIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Panache.getSession().chain(session -> session.createNativeQuery(SUMMARY, Object[].class)
                .setParameter(1, eventIds).getResultList()
                .map(rows -> {
                    Map<String, Map<String, Integer>> summaries = new LinkedHashMap<>();
                    for (Object[] r : rows) {
                        summaries.computeIfAbsent((String) r[0], k -> new TreeMap<>()).put((String) r[1], number(r[2]));
                    }
                    return summaries;
                }));
    }

    private static int number(Object value) {
        return ((Number) value).intValue();
    }

    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof OffsetDateTime time) {
            return time.toInstant();
        }
        if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toInstant();
        }
        throw new IllegalStateException("not a time: " + value.getClass());
    }
}

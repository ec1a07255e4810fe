package dev.paysaga.saga.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paysaga.saga.domain.Saga;
import dev.paysaga.saga.domain.SagaStatus;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.hibernate.reactive.mutiny.Mutiny;

/** Saga rows. Loads lock the row, so each saga is advanced by one transaction, on one replica, at a time. */
@ApplicationScoped
public class SagaStore {
    private static final String INSERT = """
            insert into saga (id, type, status, state, next_wakeup_at, created_at, updated_at, bounded, merchant_id)
            values (?1, ?2, ?3, cast(cast(?4 as text) as jsonb), ?5, ?6, ?7, ?8, ?9) on conflict do nothing""";
    private static final String LOCK = "select state::text from saga where id = ?1 for update";
    private static final String READ = "select state::text from saga where id = ?1";
    private static final String UPDATE = """
            update saga set status = ?2, state = cast(cast(?3 as text) as jsonb), next_wakeup_at = ?4, updated_at = ?5
             where id = ?1""";
    private static final String DUE = """
            select state::text from saga where next_wakeup_at <= ?1
             order by next_wakeup_at limit ?2 for update skip locked""";
    // One lock for the whole sagas database: admission decisions are taken one at a time, on any replica.
    private static final String LOCK_ADMISSION = "select pg_advisory_xact_lock(hashtext('saga_admission'))";
    private static final String ADMISSION_STATE = """
            select (select count(*) from saga where bounded and status in ('TRYING', 'CONFIRMING', 'CANCELLING')),
                   exists (select 1 from saga where status = 'WAITING')""";
    private static final String ANY_WAITING = "select exists (select 1 from saga where status = 'WAITING')";
    private static final String WAITING = """
            select state::text from saga where status = 'WAITING' order by id limit ?1 for update skip locked""";
    // Keyset pages in id order (ids are time-ordered), served by saga_status_id and the primary key for the
    // platform, by saga_merchant_status_id and saga_merchant_id for a merchant (V4).
    private static final String PAGE = "select state::text from saga where id > :after";
    private static final String OF_STATUS = " and status = :status";
    private static final String OF_MERCHANT = " and merchant_id = :merchant";
    private static final String PAGE_END = " order by id limit :limit";
    private static final String COUNT_BY_STATUS = "select count(*) from saga where status = ?1";

    private final ObjectMapper mapper;

    SagaStore(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Stores a new saga, {@code bounded} by the in-flight limit or not; false if its id exists already. */
    public Uni<Boolean> insert(Saga saga, boolean bounded) {
        return session().chain(s -> s.createNativeQuery(INSERT)
                .setParameter(1, saga.id).setParameter(2, saga.type).setParameter(3, saga.status.name())
                .setParameter(4, json(saga)).setParameter(5, wakeUp(saga))
                .setParameter(6, saga.createdAt.atOffset(ZoneOffset.UTC))
                .setParameter(7, saga.updatedAt.atOffset(ZoneOffset.UTC)).setParameter(8, bounded)
                .setParameter(9, saga.merchantId)
                .executeUpdate()).map(n -> n == 1);
    }

    /** How many bounded sagas are in flight, and whether any waits. */
    public record Admission(long inFlight, boolean anyWaiting) {
    }

    /** Takes the admission lock until the transaction ends, then reads what admission decides on. */
    public Uni<Admission> lockAdmission() {
        return session().chain(s -> s.createNativeQuery(LOCK_ADMISSION).getResultList()
                .chain(() -> s.createNativeQuery(ADMISSION_STATE, Object[].class).getSingleResult()))
                .map(row -> new Admission(((Number) row[0]).longValue(), (Boolean) row[1]));
    }

    /** Whether any saga waits, read without the admission lock (an index probe on saga_status_id). */
    public Uni<Boolean> anyWaiting() {
        return session().chain(s -> s.createNativeQuery(ANY_WAITING, Boolean.class).getSingleResult());
    }

    /** The oldest waiting sagas, locked; others' locked rows are skipped. */
    public Uni<List<Saga>> lockWaiting(int limit) {
        return session().chain(s -> s.createNativeQuery(WAITING, String.class).setParameter(1, limit).getResultList())
                .map(rows -> rows.stream().map(this::parse).toList());
    }

    public Uni<Saga> lock(String id) {
        return one(LOCK, id);
    }

    public Uni<Saga> read(String id) {
        return one(READ, id);
    }

    /** Sagas whose deadline or retry is due, locked; others' locked rows are skipped. */
    public Uni<List<Saga>> lockDue(Instant now, int limit) {
        return session().chain(s -> s.createNativeQuery(DUE, String.class)
                        .setParameter(1, now.atOffset(ZoneOffset.UTC)).setParameter(2, limit).getResultList())
                .map(rows -> rows.stream().map(this::parse).toList());
    }

    /** One page of sagas after the cursor, oldest first. */
    public record Page(List<Saga> sagas, boolean hasMore) {
    }

    /**
     * Sagas with {@code id > startingAfter} (all of them for {@code ""}), in id order, at most
     * {@code limit}; {@code status} null means any, {@code merchantId} null every merchant's.
     */
    public Uni<Page> page(String merchantId, SagaStatus status, String startingAfter, int limit) {
        String sql = PAGE + (status == null ? "" : OF_STATUS) + (merchantId == null ? "" : OF_MERCHANT) + PAGE_END;
        return session().chain(s -> {
            // One row more than asked tells whether another page follows, without a count.
            var query = s.createNativeQuery(sql, String.class).setParameter("after", startingAfter)
                    .setParameter("limit", limit + 1);
            if (status != null) {
                query.setParameter("status", status.name());
            }
            if (merchantId != null) {
                query.setParameter("merchant", merchantId);
            }
            return query.getResultList();
        }).map(rows -> new Page(rows.stream().limit(limit).map(this::parse).toList(), rows.size() > limit));
    }

    /** How many sagas are in {@code status} now (an index-only scan of saga_status_id). */
    public Uni<Long> count(SagaStatus status) {
        return session().chain(s -> s.createNativeQuery(COUNT_BY_STATUS, Long.class).setParameter(1, status.name())
                .getSingleResult());
    }

    public Uni<Void> update(Saga saga) {
        return session().chain(s -> s.createNativeQuery(UPDATE)
                .setParameter(1, saga.id).setParameter(2, saga.status.name()).setParameter(3, json(saga))
                .setParameter(4, wakeUp(saga)).setParameter(5, saga.updatedAt.atOffset(ZoneOffset.UTC))
                .executeUpdate()).replaceWithVoid();
    }

    private Uni<Saga> one(String sql, String id) {
        return session().chain(s -> s.createNativeQuery(sql, String.class).setParameter(1, id).getResultList())
                .map(rows -> rows.isEmpty() ? null : parse(rows.get(0)));
    }

    private static java.time.OffsetDateTime wakeUp(Saga saga) {
        return saga.nextWakeUp().map(at -> at.atOffset(ZoneOffset.UTC)).orElse(null);
    }

    private static Uni<Mutiny.Session> session() {
        return Panache.getSession();
    }

    private String json(Saga saga) {
        try {
            return mapper.writeValueAsString(saga);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Saga parse(String json) {
        try {
            return mapper.readValue(json, Saga.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("saga state is unreadable", e);
        }
    }
}

package dev.paysaga.runtime.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paysaga.runtime.messaging.OutboxRelay;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The retention purges against the real PostgreSQL, with the platform's default windows and a batch of 10
 * (this module's test configuration; the schedule is off, the tests run the purges). Rows are written with
 * the ages under test; each test's rows carry its own marker, and only they are asserted on.
 */
@QuarkusTest
class RetentionJobsTest {
    private static final Duration WITHIN = Duration.ofSeconds(30);

    @Inject
    Pool pool;
    @Inject
    RetentionJobs jobs;
    @Inject
    RetentionConfig config;
    @Inject
    MeterRegistry metrics;

    private final String run = "retention-test-" + UUID.randomUUID();

    @AfterEach
    void removeWhatWasKept() {
        sql("delete from inbox_message where consumer = $1");
        sql("delete from tcc_branch where saga_id = $1");
        sql("delete from idempotency_key where key like $1 || '/%'");
    }

    /** The relay is kept off this test's rows (their key's lock held, as a relay busy with them would), so one stays unsent. */
    @Test
    void sentOutboxRowsGoAfterTheirHourAndUnsentOnesStay() {
        whileLocked(OutboxRelay.LOCK_NAMESPACE, run, () -> {
            try {
                outbox("sent-61-minutes-ago", "now() - interval '61 minutes'");
                outbox("sent-59-minutes-ago", "now() - interval '59 minutes'");
                outbox("unsent", "null");

                double counted = deletedCount(Purge.OUTBOX_MESSAGE);
                long deleted = purge(Purge.OUTBOX_MESSAGE);

                assertEquals(Set.of("sent-59-minutes-ago", "unsent"),
                        left("select substr(id, length($1) + 2) from outbox_message where partition_key = $1"));
                assertTrue(deleted >= 1);
                assertEquals(counted + deleted, deletedCount(Purge.OUTBOX_MESSAGE), "paysaga_retention_deleted_total");
            } finally {
                sql("delete from outbox_message where partition_key = $1");
            }
        });
    }

    @Test
    void inboxRecordsOutliveKafkasRetention() {
        inbox("received-15-days-1-hour-ago", "now() - interval '15 days 1 hour'");
        inbox("received-14-days-23-hours-ago", "now() - interval '14 days 23 hours'");

        purge(Purge.INBOX_MESSAGE);

        assertEquals(Set.of("received-14-days-23-hours-ago"), left("select message_id from inbox_message where consumer = $1"));
    }

    @Test
    void onlyFinishedBranchesGoAndOnlyAfterTheirWindow() {
        branch("confirmed-16-days-ago", "CONFIRMED", "now() - interval '16 days'");
        branch("cancelled-16-days-ago", "CANCELLED", "now() - interval '16 days'");
        branch("cancelled-14-days-ago", "CANCELLED", "now() - interval '14 days'");
        branch("trying-30-days", "TRYING", "now() - interval '30 days'");
        branch("tried-30-days", "TRIED", "now() - interval '30 days'");
        branch("try-failed-30-days", "TRY_FAILED", "now() - interval '30 days'");

        purge(Purge.TCC_BRANCH);

        assertEquals(Set.of("cancelled-14-days-ago", "trying-30-days", "tried-30-days", "try-failed-30-days"),
                left("select step from tcc_branch where saga_id = $1"));
    }

    @Test
    void idempotencyKeysLastADayAndARunningRequestKeepsItsKey() {
        key("completed-25-hours-ago", "COMPLETED", "now() - interval '25 hours'", "now() - interval '25 hours'");
        key("completed-23-hours-ago", "COMPLETED", "now() - interval '23 hours'", "now() - interval '23 hours'");
        key("running-since-25-hours", "IN_PROGRESS", "now() - interval '25 hours'", "now() + interval '1 minute'");
        key("abandoned-25-hours-ago", "IN_PROGRESS", "now() - interval '25 hours'", "now() - interval '25 hours'");

        purge(Purge.IDEMPOTENCY_KEY);

        assertEquals(Set.of("completed-23-hours-ago", "running-since-25-hours"),
                left("select substr(key, length($1) + 2) from idempotency_key where key like $1 || '/%'"));
    }

    /** More old rows than a batch: one transaction deletes a batch, the run goes on until none is left. */
    @Test
    void aRunDeletesInBoundedBatchesUntilNoneIsLeft() {
        int rows = config.batch() * 2 + 5;
        oldInboxRecords(rows);
        long old = oldInboxRecords();

        assertEquals(config.batch(), deleteBatch(Purge.INBOX_MESSAGE));
        assertEquals(old - config.batch(), oldInboxRecords());

        assertEquals(old - config.batch(), purge(Purge.INBOX_MESSAGE));
        assertEquals(0, oldInboxRecords());
    }

    /** Two replicas purging at once: both finish, and together they delete each old row exactly once. */
    @Test
    void twoJobsAtOnceShareTheWork() {
        oldInboxRecords(config.batch() * 6);
        long old = oldInboxRecords();

        CompletableFuture<Long> first = jobs.purge(Purge.INBOX_MESSAGE).subscribeAsCompletionStage();
        CompletableFuture<Long> second = jobs.purge(Purge.INBOX_MESSAGE).subscribeAsCompletionStage();

        assertEquals(old, first.join() + second.join());
        assertEquals(0, mine());
    }

    /** While another replica holds a table's lock, a batch does not run. */
    @Test
    void aTableBeingPurgedElsewhereIsLeftAlone() {
        oldInboxRecords(3);
        whileLocked(RetentionJobs.LOCK_NAMESPACE, "inbox_message", () -> {
            assertEquals(RetentionJobs.TAKEN, deleteBatch(Purge.INBOX_MESSAGE));
            assertEquals(0L, purge(Purge.INBOX_MESSAGE));
            assertEquals(3, mine());
        });
        purge(Purge.INBOX_MESSAGE);
        assertEquals(0, mine());
    }

    /** Runs {@code body} while another connection holds the advisory lock (namespace, hashtext(key)). */
    private void whileLocked(int namespace, String key, Runnable body) {
        SqlConnection holder = pool.getConnection().await().atMost(WITHIN);
        Transaction transaction = holder.begin().await().atMost(WITHIN);
        try {
            holder.preparedQuery("select pg_advisory_xact_lock($1, hashtext($2))")
                    .execute(Tuple.of(namespace, key)).await().atMost(WITHIN);
            body.run();
        } finally {
            transaction.rollback().await().atMost(WITHIN);
            holder.close().await().atMost(WITHIN);
        }
    }

    private long purge(Purge purge) {
        return jobs.purge(purge).await().atMost(WITHIN);
    }

    private int deleteBatch(Purge purge) {
        return jobs.deleteBatch(purge).await().atMost(WITHIN);
    }

    private double deletedCount(Purge purge) {
        return metrics.get("paysaga.retention.deleted").tag("table", purge.table).counter().count();
    }

    private void outbox(String name, String sentAt) {
        sql("""
                insert into outbox_message (id, topic, partition_key, type, source, payload, created_at, sent_at)
                values ($1 || '-' || $2, 'paysaga.test', $1, 'test', 'RetentionJobsTest', '{}',
                        now() - interval '2 hours', %s)""".formatted(sentAt), name);
    }

    private void inbox(String name, String receivedAt) {
        sql("insert into inbox_message (consumer, message_id, message_type, received_at) values ($1, $2, 'test', %s)"
                .formatted(receivedAt), name);
    }

    private void oldInboxRecords(int rows) {
        sql("""
                insert into inbox_message (consumer, message_id, message_type, received_at)
                select $1, 'old-' || n, 'test', now() - interval '30 days' from generate_series(1, %d) n"""
                .formatted(rows));
    }

    private void branch(String step, String status, String updatedAt) {
        sql("""
                insert into tcc_branch (saga_id, step, status, created_at, updated_at)
                values ($1, $2, '%s', now() - interval '30 days', %s)""".formatted(status, updatedAt), step);
    }

    private void key(String name, String status, String createdAt, String lockedUntil) {
        sql("""
                insert into idempotency_key (key, fingerprint, status, locked_until, created_at)
                values ($1 || '/' || $2, 'test', '%s', %s, %s)""".formatted(status, lockedUntil, createdAt), name);
    }

    /** Every consumer's records past the window. */
    private long oldInboxRecords() {
        return count("select count(*) from inbox_message where received_at < now() - $1::bigint * interval '1 millisecond'",
                config.inboxMessage().keep().toMillis());
    }

    private int mine() {
        return (int) count("select count(*) from inbox_message where consumer = $1", run);
    }

    private Set<String> left(String query) {
        Set<String> names = new HashSet<>();
        for (Row row : pool.preparedQuery(query).execute(Tuple.of(run)).await().atMost(WITHIN)) {
            names.add(row.getString(0));
        }
        return names;
    }

    private long count(String query, Object... parameters) {
        return pool.preparedQuery(query).execute(Tuple.from(parameters)).await().atMost(WITHIN)
                .iterator().next().getLong(0);
    }

    /** A statement whose first parameter is this test's marker. */
    private void sql(String statement, Object... more) {
        Tuple parameters = Tuple.of(run);
        for (Object parameter : more) {
            parameters.addValue(parameter);
        }
        pool.preparedQuery(statement).execute(parameters).await().atMost(WITHIN);
    }
}

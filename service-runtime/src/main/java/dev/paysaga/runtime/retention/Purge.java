package dev.paysaga.runtime.retention;

import java.time.Duration;
import java.util.function.Function;

/**
 * What each shared table may lose, and when. Every statement deletes at most {@code $2} rows that left
 * their window ({@code $1} milliseconds) through an index ordered by the age it tests, so a batch reads
 * what it deletes, not the table. {@code floor} is the shortest window that is safe with the platform's
 * Kafka settings and API promises: a shorter one is allowed (a soak run) but warned about.
 */
public enum Purge {
    /** The relay reads unsent rows only: once Kafka acknowledged a row, it is kept for diagnosis alone. */
    OUTBOX_MESSAGE("outbox_message", Duration.ZERO, RetentionConfig::outboxMessage, """
            delete from outbox_message where id in (
              select id from outbox_message
               where sent_at < now() - $1::bigint * interval '1 millisecond'
               order by sent_at limit $2)"""),
    /**
     * The dedupe record must outlive every redelivery of its message. Kafka deletes whole segments, once the
     * newest message in one is past the retention (7 days), and rolls a segment after 7 days: a message may
     * stay 14 days. A consumer group whose committed offsets expired (7 days idle) starts from the earliest.
     */
    INBOX_MESSAGE("inbox_message", Duration.ofDays(14), RetentionConfig::inboxMessage, """
            delete from inbox_message where (consumer, message_id) in (
              select consumer, message_id from inbox_message
               where received_at < now() - $1::bigint * interval '1 millisecond'
               order by received_at limit $2)"""),
    /**
     * Only branches in a final state: a TRYING, TRIED or TRY_FAILED branch still waits for its Confirm or
     * Cancel. A finished one is the fence that refuses a late Try after its Cancel, so it must outlive any
     * command still in its topic, as the inbox record does.
     */
    TCC_BRANCH("tcc_branch", Duration.ofDays(14), RetentionConfig::tccBranch, """
            delete from tcc_branch where (saga_id, step) in (
              select saga_id, step from tcc_branch
               where status in ('CONFIRMED', 'CANCELLED')
                 and updated_at < now() - $1::bigint * interval '1 millisecond'
               order by updated_at limit $2)"""),
    /**
     * A key replays its first answer for at least 24 hours. A key whose request still runs (its lease not
     * expired) is kept, whatever its age; the outer condition is checked again on the row's latest version,
     * so a retry taking an abandoned claim over while the batch runs keeps its key.
     */
    IDEMPOTENCY_KEY("idempotency_key", Duration.ofHours(24), RetentionConfig::idempotencyKey, """
            delete from idempotency_key where key in (
              select key from idempotency_key
               where created_at < now() - $1::bigint * interval '1 millisecond'
                 and (status = 'COMPLETED' or locked_until < now())
               order by created_at limit $2)
               and (status = 'COMPLETED' or locked_until < now())""");

    final String table;
    final Duration floor;
    final String deleteBatch;
    private final Function<RetentionConfig, RetentionConfig.Window> window;

    Purge(String table, Duration floor, Function<RetentionConfig, RetentionConfig.Window> window, String deleteBatch) {
        this.table = table;
        this.floor = floor;
        this.window = window;
        this.deleteBatch = deleteBatch;
    }

    Duration keep(RetentionConfig config) {
        return window.apply(config).keep();
    }
}

package dev.paysaga.channel.persistence;

/**
 * The one claim of rows that are due for a query, shared by transactions and refunds: a bounded batch
 * taken in one statement, skipping rows another replica is claiming, each claimed row's next query pushed
 * out by the backoff before anyone calls the channel, so no other replica picks it up meanwhile and a crash
 * only delays it. Backoff: base * 2^attempts, capped (the exponent is bounded so power() cannot overflow).
 * Parameters: $1 the batch size, $2 the backoff base and $3 its cap, in milliseconds.
 */
final class DueRows {
    private DueRows() {
    }

    /** The claim of {@code table}'s due PENDING rows by {@code key}, returning {@code returning} (columns of {@code t}). */
    static String claim(String table, String key, String returning) {
        return """
                with due as (
                    select %2$s from %1$s
                     where status = 'PENDING' and next_query_at <= now()
                     order by next_query_at limit $1 for update skip locked)
                update %1$s t
                   set query_attempts = t.query_attempts + 1,
                       next_query_at = now() + least($2 * power(2, least(t.query_attempts + 1, 20)), $3)
                                               * interval '1 millisecond'
                  from due where t.%2$s = due.%2$s
                returning %3$s""".formatted(table, key, returning);
    }
}

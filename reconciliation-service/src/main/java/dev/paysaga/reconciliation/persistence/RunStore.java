package dev.paysaga.reconciliation.persistence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paysaga.reconciliation.domain.DiscrepancyKind;
import dev.paysaga.reconciliation.domain.Item;
import dev.paysaga.reconciliation.domain.Run;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/** Runs and their items. */
@ApplicationScoped
public class RunStore {
    private static final String RUN_COLUMNS = """
            id, channel, business_day, attempt, status, trigger, requested_by, zone, totals, changes, failure, created_at,
            completed_at""";
    private static final String ITEM_COLUMNS = """
            i.run_id, i.seq, i.kind, i.subject, i.payment_id, i.refund_id, i.amount, i.currency, i.ours, i.theirs, i.note,
            i.resolution, r.id as resolution_id, r.status as resolution_status""";
    // An item's resolution: the automatic one for its payment, else an adjustment proposed on this very item.
    private static final String ITEM_FROM = """
            from reconciliation_item i
            left join lateral (select id, status from resolution r
                                where (r.action = i.resolution and r.payment_id = i.payment_id)
                                   or (r.action = 'adjustment' and r.run_id = i.run_id and r.item_seq = i.seq)
                                order by r.created_at desc limit 1) r on true""";

    private final Pool pool;
    private final ObjectMapper json;

    RunStore(Pool pool, ObjectMapper json) {
        this.pool = pool;
        this.json = json;
    }

    /**
     * Records a new run of the day, the day's next attempt. A scheduled run is recorded once per day: empty when
     * one exists (another replica got there first).
     */
    public Uni<Run> insert(String id, String channel, LocalDate day, String trigger, String requestedBy,
            java.time.Duration failedRetriedAfter) {
        // A scheduled run that failed is tried again only after a while: a channel down for hours is asked now and
        // then, not at every sweep.
        return pool.withTransaction(tx -> tx.preparedQuery("select pg_advisory_xact_lock(hashtext($1))")
                .execute(Tuple.of(channel + " " + day))
                .chain(() -> tx.preparedQuery("""
                        insert into reconciliation_run (id, channel, business_day, attempt, status, trigger, requested_by, created_at)
                        select $1, $2, $3, coalesce(max(attempt), 0) + 1, 'running', $4, $5, now()
                          from reconciliation_run where channel = $2 and business_day = $3
                        having $4 <> 'scheduled' or not bool_or(trigger = 'scheduled' and status = 'failed'
                                                                and completed_at > now() - make_interval(secs => $6))
                            or count(*) = 0
                        on conflict do nothing returning %s""".formatted(RUN_COLUMNS))
                        .execute(Tuple.from(new Object[] {id, channel, day, trigger, requestedBy,
                                (double) failedRetriedAfter.toSeconds()})))
                .map(rows -> rows.size() == 0 ? null : run(rows.iterator().next())));
    }

    public Uni<Run> find(String id) {
        return pool.preparedQuery("select " + RUN_COLUMNS + " from reconciliation_run where id = $1").execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? null : run(rows.iterator().next()));
    }

    /** The day's latest completed run before {@code attempt}, if any. */
    public Uni<Run> previous(String channel, LocalDate day, int attempt) {
        return pool.preparedQuery("select " + RUN_COLUMNS + " from reconciliation_run where channel = $1"
                        + " and business_day = $2 and attempt < $3 and status = 'completed' order by attempt desc limit 1").execute(Tuple.of(channel, day, attempt))
                .map(rows -> rows.size() == 0 ? null : run(rows.iterator().next()));
    }

    /** Runs left running longer than {@code before} (their replica stopped): they are run again. */
    public Uni<List<String>> abandoned(Instant before) {
        return pool.preparedQuery("select id from reconciliation_run where status = 'running' and created_at < $1")
                .execute(Tuple.of(Books.utc(before)))
                .map(rows -> StreamSupport.stream(rows.spliterator(), false).map(row -> row.getString("id")).toList());
    }

    /** The subjects the day's latest completed run carried to the next day. */
    public Uni<Set<String>> carriedFrom(String channel, LocalDate day) {
        return pool.preparedQuery("""
                        select i.subject from reconciliation_item i
                         where i.kind = 'carried' and i.run_id = (select id from reconciliation_run
                                where channel = $1 and business_day = $2 and status = 'completed' order by attempt desc limit 1)""")
                .execute(Tuple.of(channel, day))
                .map(rows -> StreamSupport.stream(rows.spliterator(), false).map(row -> row.getString("subject"))
                        .collect(Collectors.toSet()));
    }

    /** The run's items after {@code afterSeq}, of one kind or all, in order. */
    public Uni<List<Item>> items(String runId, DiscrepancyKind kind, int afterSeq, int limit) {
        return pool.preparedQuery("select " + ITEM_COLUMNS + " " + ITEM_FROM
                        + " where i.run_id = $1 and i.seq > $2 and ($3::text is null or i.kind = $3) order by i.seq limit $4")
                .execute(Tuple.of(runId, afterSeq, kind == null ? null : kind.apiName(), limit))
                .map(this::items);
    }

    public Uni<Item> item(String runId, int seq) {
        return pool.preparedQuery("select " + ITEM_COLUMNS + " " + ITEM_FROM + " where i.run_id = $1 and i.seq = $2")
                .execute(Tuple.of(runId, seq))
                .map(rows -> rows.size() == 0 ? null : items(rows).get(0));
    }

    /** Every item of the run, for comparing a day's runs. */
    public Uni<List<Item>> allItems(String runId) {
        return items(runId, null, 0, Integer.MAX_VALUE);
    }

    /**
     * Stores what a run found and completes it, in {@code tx}: only while it is still running (a run executed again
     * after its replica stopped completes once). False when another execution completed it first.
     */
    public Uni<Boolean> complete(SqlClient tx, Run run, List<Item> items, JsonNode totals, JsonNode changes, String zone) {
        return tx.preparedQuery("select status from reconciliation_run where id = $1 for update")
                .execute(Tuple.of(run.id()))
                .chain(rows -> {
                    if (!Run.RUNNING.equals(rows.iterator().next().getString("status"))) {
                        return Uni.createFrom().item(false);
                    }
                    return tx.preparedQuery("delete from reconciliation_item where run_id = $1").execute(Tuple.of(run.id()))
                            .chain(() -> items.isEmpty() ? Uni.createFrom().voidItem() : tx.preparedQuery("""
                                    insert into reconciliation_item (run_id, seq, kind, subject, payment_id, refund_id, amount,
                                                                     currency, ours, theirs, note, resolution)
                                    values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)""")
                                    .executeBatch(items.stream().map(this::tuple).toList()).replaceWithVoid())
                            .chain(() -> tx.preparedQuery("""
                                    update reconciliation_run set status = 'completed', totals = $2, changes = $3, zone = $4,
                                           completed_at = now() where id = $1""")
                                    .execute(Tuple.of(run.id(), jsonb(totals), jsonb(changes), zone)))
                            .replaceWith(true);
                });
    }

    public Uni<Void> fail(String runId, String failure) {
        return pool.preparedQuery("update reconciliation_run set status = 'failed', failure = $2, completed_at = now()"
                        + " where id = $1 and status = 'running'")
                .execute(Tuple.of(runId, failure)).replaceWithVoid();
    }

    private Tuple tuple(Item item) {
        return Tuple.from(new Object[] {item.runId(), item.seq(), item.kind().apiName(), item.subject(), item.paymentId(),
                item.refundId(), item.amountMinor(), item.currency(), jsonb(item.ours()), jsonb(item.theirs()), item.note(),
                item.resolution()});
    }

    private List<Item> items(io.vertx.mutiny.sqlclient.RowSet<Row> rows) {
        List<Item> items = new ArrayList<>();
        for (Row row : rows) {
            items.add(new Item(row.getString("run_id"), row.getInteger("seq"),
                    DiscrepancyKind.fromApiName(row.getString("kind")), row.getString("subject"), row.getString("payment_id"),
                    row.getString("refund_id"), row.getLong("amount"), row.getString("currency"), node(row, "ours"),
                    node(row, "theirs"), row.getString("note"), row.getString("resolution"), row.getString("resolution_id"),
                    row.getString("resolution_status")));
        }
        return items;
    }

    private Run run(Row row) {
        return new Run(row.getString("id"), row.getString("channel"), row.getLocalDate("business_day"),
                row.getInteger("attempt"), row.getString("status"), row.getString("trigger"), row.getString("requested_by"),
                row.getString("zone"), node(row, "totals"), node(row, "changes"), row.getString("failure"),
                Books.instant(row, "created_at"), Books.instant(row, "completed_at"));
    }

    private JsonNode node(Row row, String column) {
        Object value = row.getValue(column);
        if (value == null) {
            return null;
        }
        try {
            return json.readTree(value.toString());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("unreadable " + column, e);
        }
    }

    private Object jsonb(JsonNode node) {
        return node == null ? null : new JsonObject(node.toString());
    }
}

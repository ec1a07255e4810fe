package dev.paysaga.reconciliation.persistence;

import dev.paysaga.reconciliation.domain.Item;
import dev.paysaga.reconciliation.domain.ResolutionRecord;
import dev.paysaga.runtime.ids.Ids;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/** Resolutions and their audit trail. Every change of a resolution writes an audit line in the same transaction. */
@ApplicationScoped
public class ResolutionStore {
    private static final String COLUMNS = """
            id, action, channel, payment_id, refund_id, amount, currency, status, run_id, item_seq, reason, debit_account_id,
            credit_account_id, proposed_by, decided_by, transfer_id, attempts, last_error, created_at, updated_at""";

    private final Pool pool;

    ResolutionStore(Pool pool) {
        this.pool = pool;
    }

    /**
     * In a run's completing transaction: a pending settle or refund for each item that has one, unless its payment
     * has one already (from an earlier run, or an earlier execution of this one). A refund's id is chosen here, once.
     */
    public Uni<Void> planAutomatic(SqlClient tx, String channel, List<Item> items) {
        List<Uni<Void>> planned = new ArrayList<>();
        for (Item item : items) {
            if (!ResolutionRecord.SETTLE.equals(item.resolution()) && !ResolutionRecord.REFUND.equals(item.resolution())) {
                continue;
            }
            String id = Ids.next("rsl");
            String refundId = ResolutionRecord.REFUND.equals(item.resolution()) ? Ids.next("re") : null;
            planned.add(tx.preparedQuery("""
                            insert into resolution (id, action, channel, payment_id, refund_id, amount, currency, status, run_id,
                                                    item_seq, reason, created_at, updated_at)
                            values ($1, $2, $3, $4, $5, $6, $7, 'pending', $8, $9, $10, now(), now())
                            on conflict do nothing returning id""")
                    .execute(Tuple.from(new Object[] {id, item.resolution(), channel, item.paymentId(), refundId,
                            item.amountMinor(), item.currency(), item.runId(), item.seq(), item.note()}))
                    .chain(rows -> rows.size() == 0 ? Uni.createFrom().voidItem()
                            : audit(tx, id, "reconciliation", "planned", "found by run " + item.runId())));
        }
        return planned.isEmpty() ? Uni.createFrom().voidItem() : Uni.join().all(planned).andFailFast().replaceWithVoid();
    }

    /** Pending automatic resolutions, locked for this replica until its transaction ends (others skip them). */
    public Uni<List<ResolutionRecord>> claimPending(SqlClient tx, int limit) {
        return tx.preparedQuery("select " + COLUMNS
                        + " from resolution where status = 'pending' order by updated_at limit $1 for update skip locked")
                .execute(Tuple.of(limit)).map(ResolutionStore::records);
    }

    public Uni<Void> attempted(SqlClient tx, String id, String status, String error, String detail) {
        return tx.preparedQuery("""
                        update resolution set status = $2, attempts = attempts + 1, last_error = $3, updated_at = now()
                         where id = $1""")
                .execute(Tuple.of(id, status, error))
                .chain(() -> audit(tx, id, "reconciliation", status.equals(ResolutionRecord.PENDING) ? "retry" : status, detail));
    }

    public Uni<ResolutionRecord> find(String id) {
        return pool.preparedQuery("select " + COLUMNS + " from resolution where id = $1").execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? null : records(rows).get(0));
    }

    public Uni<ResolutionRecord> lock(SqlClient tx, String id) {
        return tx.preparedQuery("select " + COLUMNS + " from resolution where id = $1 for update").execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? null : records(rows).get(0));
    }

    public Uni<List<ResolutionRecord.Audit>> trail(String id) {
        return pool.preparedQuery("select actor, action, detail, at from resolution_audit where resolution_id = $1 order by id")
                .execute(Tuple.of(id))
                .map(rows -> {
                    List<ResolutionRecord.Audit> trail = new ArrayList<>();
                    rows.forEach(row -> trail.add(new ResolutionRecord.Audit(row.getString("actor"), row.getString("action"),
                            row.getString("detail"), Books.instant(row, "at"))));
                    return trail;
                });
    }

    /** A proposed adjustment of one item: at most one open (proposed or posted) per item. */
    public Uni<ResolutionRecord> propose(SqlClient tx, ResolutionRecord adjustment) {
        return tx.preparedQuery("select id from resolution where action = 'adjustment' and run_id = $1 and item_seq = $2"
                        + " and status in ('proposed', 'posted') for update")
                .execute(Tuple.of(adjustment.runId(), adjustment.itemSeq()))
                .chain(open -> {
                    if (open.size() > 0) {
                        return Uni.createFrom().nullItem();
                    }
                    return tx.preparedQuery("""
                                    insert into resolution (id, action, channel, payment_id, refund_id, amount, currency, status,
                                        run_id, item_seq, reason, debit_account_id, credit_account_id, proposed_by, created_at,
                                        updated_at)
                                    values ($1, 'adjustment', $2, $3, $4, $5, $6, 'proposed', $7, $8, $9, $10, $11, $12, now(), now())
                                    returning %s""".formatted(COLUMNS))
                            .execute(Tuple.from(new Object[] {adjustment.id(), adjustment.channel(), adjustment.paymentId(),
                                    adjustment.refundId(), adjustment.amountMinor(), adjustment.currency(), adjustment.runId(),
                                    adjustment.itemSeq(), adjustment.reason(), adjustment.debitAccountId(),
                                    adjustment.creditAccountId(), adjustment.proposedBy()}))
                            .map(rows -> records(rows).get(0))
                            .call(proposed -> audit(tx, proposed.id(), adjustment.proposedBy(), "proposed", adjustment.reason()));
                });
    }

    /** An adjustment decided: posted with its ledger transfer, or rejected. */
    public Uni<Void> decide(SqlClient tx, String id, String status, String decidedBy, String transferId, String detail) {
        return tx.preparedQuery("""
                        update resolution set status = $2, decided_by = $3, transfer_id = $4, updated_at = now() where id = $1""")
                .execute(Tuple.of(id, status, decidedBy, transferId))
                .chain(() -> audit(tx, id, decidedBy, status, detail));
    }

    public Uni<Void> audit(SqlClient tx, String id, String actor, String action, String detail) {
        return tx.preparedQuery("insert into resolution_audit (resolution_id, actor, action, detail, at) values ($1, $2, $3, $4, now())")
                .execute(Tuple.of(id, actor, action, detail)).replaceWithVoid();
    }

    private static List<ResolutionRecord> records(RowSet<Row> rows) {
        List<ResolutionRecord> records = new ArrayList<>();
        for (Row row : rows) {
            records.add(new ResolutionRecord(row.getString("id"), row.getString("action"), row.getString("channel"),
                    row.getString("payment_id"), row.getString("refund_id"), row.getLong("amount"), row.getString("currency"),
                    row.getString("status"), row.getString("run_id"), row.getInteger("item_seq"), row.getString("reason"),
                    row.getString("debit_account_id"), row.getString("credit_account_id"), row.getString("proposed_by"),
                    row.getString("decided_by"), row.getString("transfer_id"), row.getInteger("attempts"),
                    row.getString("last_error"), Books.instant(row, "created_at"), Books.instant(row, "updated_at")));
        }
        return records;
    }
}

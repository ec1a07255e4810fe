package dev.paysaga.reconciliation.persistence;

import dev.paysaga.contracts.ChannelRefundEvent;
import dev.paysaga.contracts.ChannelTransactionEvent;
import dev.paysaga.contracts.PaymentEvent;
import dev.paysaga.reconciliation.domain.Booked;
import dev.paysaga.reconciliation.domain.BusinessDay;
import dev.paysaga.reconciliation.domain.StatementLine;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Our books as reconciliation keeps them: written from events inside the inbox's transaction (each event once),
 * read by runs. A payment's row gathers the channel's word and the payment's outcome in whichever order they come.
 */
@ApplicationScoped
public class Books {
    private static final String CHANNEL_WORD = """
            insert into booked_payment (payment_id, channel, channel_trade_no, amount, currency, channel_status, channel_at,
                                        updated_at)
            values (?1, ?2, ?3, ?4, ?5, ?6, ?7, now())
            on conflict (payment_id) do update set channel = excluded.channel, channel_trade_no = excluded.channel_trade_no,
                amount = excluded.amount, currency = excluded.currency, channel_status = excluded.channel_status,
                channel_at = excluded.channel_at, updated_at = now()""";
    private static final String OUTCOME = """
            insert into booked_payment (payment_id, amount, currency, payment_status, failure_code, merchant_id, updated_at)
            values (?1, ?2, ?3, ?4, ?5, ?6, now())
            on conflict (payment_id) do update set payment_status = excluded.payment_status,
                failure_code = excluded.failure_code, merchant_id = excluded.merchant_id,
                amount = coalesce(booked_payment.amount, excluded.amount),
                currency = coalesce(booked_payment.currency, excluded.currency), updated_at = now()""";
    private static final String REFUND = """
            insert into booked_refund (refund_id, payment_id, channel, channel_reference, amount, currency, status, at)
            values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
            on conflict (refund_id) do update set status = excluded.status, at = excluded.at,
                channel_reference = excluded.channel_reference""";
    private static final String PAYMENTS = """
            select payment_id, channel, channel_trade_no, amount, currency, channel_status, payment_status, channel_at
              from booked_payment""";
    private static final String REFUNDS = """
            select refund_id, payment_id, channel, channel_reference, amount, currency, status, at from booked_refund""";

    private final Pool pool;

    Books(Pool pool) {
        this.pool = pool;
    }

    public Uni<Void> channelWord(ChannelTransactionEvent event, Instant at) {
        return write(CHANNEL_WORD, event.paymentId(), event.channel(), event.channelTransactionId(), event.amountMinor(),
                event.currency(), event.status(), at);
    }

    public Uni<Void> outcome(PaymentEvent event) {
        return write(OUTCOME, event.paymentId(), event.amountMinor(), event.currency(), event.status(), event.failureCode(),
                event.merchantId());
    }

    public Uni<Void> refund(ChannelRefundEvent event, Instant at) {
        return write(REFUND, event.refundId(), event.paymentId(), event.channel(), event.channelReference(),
                event.amountMinor(), event.currency(), event.status(), at);
    }

    /** Within the inbox's transaction, so the row commits with the message's inbox record. */
    private static Uni<Void> write(String sql, Object... values) {
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql);
            for (int i = 0; i < values.length; i++) {
                query.setParameter(i + 1, values[i]);
            }
            return query.executeUpdate();
        }).replaceWithVoid();
    }

    /** The channel's payments and refunds whose time falls in the day's read window (its carry windows included). */
    public Uni<List<Booked>> of(String channel, BusinessDay day) {
        Tuple window = Tuple.of(channel, utc(day.readFrom()), utc(day.readUntil()));
        return pool.preparedQuery(PAYMENTS + " where channel = $1 and channel_status = 'succeeded'"
                        + " and channel_at >= $2 and channel_at < $3").execute(window)
                .chain(payments -> pool.preparedQuery(REFUNDS + " where channel = $1 and status = 'succeeded'"
                                + " and at >= $2 and at < $3").execute(window)
                        .map(refunds -> {
                            List<Booked> booked = new ArrayList<>();
                            payments.forEach(row -> booked.add(payment(row)));
                            refunds.forEach(row -> booked.add(refund(row)));
                            return booked;
                        }));
    }

    /** Whatever our books have of these payments and refunds, whatever their day or status. */
    public Uni<List<Booked>> named(Collection<String> paymentIds, Collection<String> refundIds) {
        return pool.preparedQuery(PAYMENTS + " where payment_id = any($1)")
                .execute(Tuple.of(paymentIds.toArray(String[]::new)))
                .chain(payments -> pool.preparedQuery(REFUNDS + " where refund_id = any($1)")
                        .execute(Tuple.of(refundIds.toArray(String[]::new)))
                        .map(refunds -> {
                            List<Booked> booked = new ArrayList<>();
                            payments.forEach(row -> booked.add(payment(row)));
                            refunds.forEach(row -> booked.add(refund(row)));
                            return booked;
                        }));
    }

    /** Our payment ids of the channel's trade numbers we know (a channel whose lines name trades only by its own id). */
    public Uni<Map<String, String>> paymentsByTradeNo(String channel, Collection<String> tradeNos) {
        return pool.preparedQuery("select channel_trade_no, payment_id from booked_payment where channel = $1"
                        + " and channel_trade_no = any($2)")
                .execute(Tuple.of(channel, tradeNos.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, String> found = new HashMap<>();
                    rows.forEach(row -> found.put(row.getString("channel_trade_no"), row.getString("payment_id")));
                    return found;
                });
    }

    private static Booked payment(Row row) {
        return new Booked(StatementLine.Kind.PAYMENT, row.getString("payment_id"), null, row.getString("channel"),
                row.getString("channel_trade_no"), amount(row), row.getString("currency"), row.getString("channel_status"),
                row.getString("payment_status"), instant(row, "channel_at"));
    }

    private static Booked refund(Row row) {
        return new Booked(StatementLine.Kind.REFUND, row.getString("payment_id"), row.getString("refund_id"),
                row.getString("channel"), row.getString("channel_reference"), amount(row), row.getString("currency"),
                row.getString("status"), null, instant(row, "at"));
    }

    private static long amount(Row row) {
        Long amount = row.getLong("amount");
        return amount == null ? 0 : amount;
    }

    static Instant instant(Row row, String column) {
        OffsetDateTime at = row.getOffsetDateTime(column);
        return at == null ? null : at.toInstant();
    }

    static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }
}

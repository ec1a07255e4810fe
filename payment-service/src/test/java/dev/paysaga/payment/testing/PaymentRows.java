package dev.paysaga.payment.testing;

import dev.paysaga.runtime.ids.Ids;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Payments and refunds written straight to PostgreSQL, as the payment saga would have left them, and
 * read back as text for before/after comparisons.
 */
public record PaymentRows(Pool pool) {
    /** A succeeded Alipay payment of 30.00 CNY owned by {@code merchantId}. */
    public String succeededPayment(String merchantId) {
        String id = Ids.next("pay");
        pool.preparedQuery("""
                insert into payment (id, order_id, saga_id, merchant_id, customer_id, amount, currency, method, channel,
                                     status, created_at, updated_at)
                values ($1, $2, $3, $4, $5, 3000, 'CNY', 'alipay', 'alipay', 'SUCCEEDED', now(), now())""")
                .execute(Tuple.tuple().addString(id).addString(Ids.next("ord")).addString(Ids.next("sag"))
                        .addString(merchantId).addString(Ids.next("cus")))
                .await().indefinitely();
        return id;
    }

    /** A refund of 5.00 still in flight on the payment. */
    public String pendingRefund(String paymentId) {
        String id = Ids.next("re");
        pool.preparedQuery("""
                insert into refund (id, payment_id, saga_id, amount, currency, reason, status, created_at, updated_at)
                values ($1, $2, $3, 500, 'CNY', 'returned', 'PENDING', now(), now())""")
                .execute(Tuple.of(id, paymentId, Ids.next("sag"))).await().indefinitely();
        return id;
    }

    /** The payment, its refunds and the messages it caused, as text to compare before and after a request. */
    public String state(String paymentId) {
        return pool.preparedQuery("""
                select (select to_jsonb(p)::text from payment p where id = $1)
                       || ' refunds=' || coalesce((select string_agg(id || ':' || status || ':' || amount, ',' order by id)
                                                     from refund where payment_id = $1), '')
                       || ' messages=' || (select count(*) from outbox_message where partition_key = $1)""")
                .execute(Tuple.of(paymentId)).await().indefinitely().iterator().next().getString(0);
    }

    public long messages(String paymentId, String type) {
        return pool.preparedQuery("select count(*) from outbox_message where partition_key = $1 and type = $2")
                .execute(Tuple.of(paymentId, type)).await().indefinitely().iterator().next().getLong(0);
    }
}

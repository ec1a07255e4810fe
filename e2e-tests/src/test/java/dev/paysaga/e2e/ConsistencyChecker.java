package dev.paysaga.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks that order, payment, ledger and notification agree on every given saga, and that the
 * ledger balances. Reads each service's own database (a test may; services never do).
 * Returns the violations found; empty means consistent.
 */
final class ConsistencyChecker {
    private ConsistencyChecker() {
    }

    record Saga(String id, String type, String status, String paymentId, String orderId, String refundId, long amount,
            String channel) {
    }

    /**
     * Asserts that the sagas become consistent: the public events reach the event log a moment
     * after a saga finishes, so the check is repeated until it passes or the time is up.
     */
    static void assertConsistent(Collection<String> sagaIds) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertEquals(List.of(), check(sagaIds)));
    }

    static List<String> check(Collection<String> sagaIds) throws SQLException {
        List<String> violations = new ArrayList<>();
        Map<String, Saga> sagas = sagas(sagaIds);
        Facts facts = Facts.of(sagas.values());
        for (String id : sagaIds) {
            Saga saga = sagas.get(id);
            if (saga == null) {
                violations.add(id + ": no such saga");
            } else {
                violations.addAll("refund".equals(saga.type()) ? checkRefund(saga, facts) : checkOne(saga, facts));
            }
        }
        violations.addAll(ledgerBalances());
        return violations;
    }

    /**
     * What each service's database says about the sagas' payments, orders and refunds, read in one
     * query per question rather than per saga, so that checking the benchmark's 10,000 sagas is quick.
     */
    private record Facts(Map<String, String> payments, Map<String, String> orders, Map<String, String> paymentTransfers,
            Map<String, String> paymentEvents, Map<String, String> refunds, Map<String, String> refundTransfers,
            Map<String, String> refundEvents, Map<String, String> refundsAddUp, Map<String, String> channelRefunds) {

        static Facts of(Collection<Saga> sagas) throws SQLException {
            List<String> paymentIds = sagas.stream().map(Saga::paymentId).filter(java.util.Objects::nonNull).toList();
            List<String> orderIds = sagas.stream().map(Saga::orderId).filter(java.util.Objects::nonNull).toList();
            List<String> refundIds = sagas.stream().map(Saga::refundId).filter(java.util.Objects::nonNull).toList();
            return new Facts(
                    lookup("payment-service", "select id, status from payment where id = any(?)", paymentIds),
                    lookup("order-service", "select id, status from orders where id = any(?)", orderIds),
                    transfers("payment", paymentIds), events("payment", paymentIds),
                    lookup("payment-service", "select id, status from refund where id = any(?)", refundIds),
                    transfers("refund", refundIds), events("refund", refundIds),
                    lookup("payment-service", """
                            select p.id, (p.amount_refunded = coalesce(sum(r.amount) filter (where r.status = 'SUCCEEDED'), 0))::text
                              from payment p left join refund r on r.payment_id = p.id where p.id = any(?) group by p.id""",
                            sagas.stream().filter(s -> s.refundId() != null).map(Saga::paymentId).toList()),
                    lookup("channel-router-service", "select refund_id, status from channel_refund where refund_id = any(?)",
                            refundIds));
        }

        /** Status of the ledger transfer of each payment or refund ({@code code}). */
        private static Map<String, String> transfers(String code, List<String> references) throws SQLException {
            return lookup("ledger-service", "select reference, status from transfer where code = '" + code
                    + "' and reference = any(?)", references);
        }

        /** The {@code kind}.* events published about each subject, in order, comma-separated. */
        private static Map<String, String> events(String kind, List<String> subjects) throws SQLException {
            return lookup("notification-service", "select subject, string_agg(type, ',' order by id) from merchant_event"
                    + " where subject = any(?) and type like '" + kind + ".%' group by subject", subjects);
        }
    }

    private static List<String> checkOne(Saga saga, Facts facts) {
        List<String> v = new ArrayList<>();
        String payment = facts.payments().get(saga.paymentId());
        String transfer = facts.paymentTransfers().get(saga.paymentId());
        String event = facts.paymentEvents().get(saga.paymentId());
        switch (saga.status()) {
            case "COMPLETED" -> {
                if (!List.of("SUCCEEDED", "PARTIALLY_REFUNDED", "REFUNDED").contains(payment)) {
                    v.add(saga.id() + ": completed but payment is " + payment); // refunds come after success
                }
                expect(v, saga, "order", "PAID", facts.orders().get(saga.orderId()));
                expect(v, saga, "ledger transfer", "PENDING_POSTED", transfer);
                expect(v, saga, "payment.events", "payment.succeeded", event);
            }
            case "CANCELLED" -> {
                if (!"FAILED".equals(payment) && !"CANCELLED".equals(payment)) {
                    v.add(saga.id() + ": cancelled but payment is " + payment);
                }
                if (transfer != null && !"PENDING_VOIDED".equals(transfer)) {
                    v.add(saga.id() + ": cancelled but its transfer is " + transfer);
                }
                expect(v, saga, "payment.events", "payment.failed", event);
            }
            default -> v.add(saga.id() + ": not finished (" + saga.status() + ")");
        }
        return v;
    }

    /**
     * A refund saga: refund, ledger and payment.events agree, and the payment counts only succeeded refunds;
     * a refund through a channel was made there exactly when the saga completed.
     */
    private static List<String> checkRefund(Saga saga, Facts facts) {
        List<String> v = new ArrayList<>();
        String transfer = facts.refundTransfers().get(saga.refundId());
        switch (saga.status()) {
            case "COMPLETED" -> {
                expect(v, saga, "refund", "SUCCEEDED", facts.refunds().get(saga.refundId()));
                expect(v, saga, "ledger transfer", "PENDING_POSTED", transfer);
                expect(v, saga, "payment.events", "refund.succeeded", facts.refundEvents().get(saga.refundId()));
                if (saga.channel() != null) {
                    expect(v, saga, "channel refund", "SUCCEEDED", facts.channelRefunds().get(saga.refundId()));
                }
            }
            case "CANCELLED" -> {
                expect(v, saga, "refund", "FAILED", facts.refunds().get(saga.refundId()));
                String atChannel = facts.channelRefunds().get(saga.refundId());
                if (atChannel != null && !"FAILED".equals(atChannel)) {
                    v.add(saga.id() + ": cancelled but the refund is " + atChannel + " at the channel");
                }
                if (transfer != null && !"PENDING_VOIDED".equals(transfer)) {
                    v.add(saga.id() + ": cancelled but its transfer is " + transfer);
                }
            }
            default -> v.add(saga.id() + ": not finished (" + saga.status() + ")");
        }
        if (!"true".equals(facts.refundsAddUp().get(saga.paymentId()))) {
            v.add(saga.id() + ": payment " + saga.paymentId() + " amount_refunded differs from its succeeded refunds");
        }
        return v;
    }

    /** Per currency, Σ debits = Σ credits (posted and pending), and no flagged account past its limit. */
    private static List<String> ledgerBalances() throws SQLException {
        List<String> v = new ArrayList<>();
        try (Connection db = Suite.database("ledger-service");
                ResultSet rows = db.createStatement().executeQuery("""
                        select currency, sum(debits_posted) - sum(credits_posted), sum(debits_pending) - sum(credits_pending),
                               count(*) filter (where debits_must_not_exceed_credits
                                                and debits_pending + debits_posted > credits_posted)
                          from account group by currency""")) {
            while (rows.next()) {
                if (rows.getLong(2) != 0 || rows.getLong(3) != 0) {
                    v.add("ledger " + rows.getString(1) + " does not balance: posted off by " + rows.getLong(2)
                            + ", pending off by " + rows.getLong(3));
                }
                if (rows.getLong(4) != 0) {
                    v.add("ledger " + rows.getString(1) + ": " + rows.getLong(4) + " accounts overdrawn");
                }
            }
        }
        return v;
    }

    private static void expect(List<String> v, Saga saga, String what, String expected, String actual) {
        if (!expected.equals(actual)) {
            v.add(saga.id() + " (" + saga.status() + "): " + what + " is " + actual + ", expected " + expected);
        }
    }

    private static Map<String, Saga> sagas(Collection<String> ids) throws SQLException {
        Map<String, Saga> sagas = new HashMap<>();
        try (Connection db = Suite.database("saga-orchestrator");
                PreparedStatement query = db.prepareStatement("""
                        select id, type, status, state -> 'payload' ->> 'payment_id', state -> 'payload' ->> 'order_id',
                               state -> 'payload' ->> 'refund_id', (state -> 'payload' ->> 'amount')::bigint,
                               state -> 'payload' ->> 'channel'
                          from saga where id = any(?)""")) {
            query.setArray(1, db.createArrayOf("text", ids.toArray()));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    sagas.put(rows.getString(1), new Saga(rows.getString(1), rows.getString(2), rows.getString(3),
                            rows.getString(4), rows.getString(5), rows.getString(6), rows.getLong(7), rows.getString(8)));
                }
            }
        }
        return sagas;
    }

    /** First column → second column of {@code sql}, whose one parameter is the array of {@code ids}. */
    private static Map<String, String> lookup(String service, String sql, List<String> ids) throws SQLException {
        Map<String, String> values = new HashMap<>();
        if (ids.isEmpty()) {
            return values;
        }
        try (Connection db = Suite.database(service); PreparedStatement query = db.prepareStatement(sql)) {
            query.setArray(1, db.createArrayOf("text", ids.toArray()));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    values.put(rows.getString(1), rows.getString(2));
                }
            }
        }
        return values;
    }
}

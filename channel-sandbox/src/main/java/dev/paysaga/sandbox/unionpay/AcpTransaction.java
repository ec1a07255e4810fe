package dev.paysaga.sandbox.unionpay;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Map;

/**
 * One transaction the sandbox's UnionPay holds, by the merchant's orderId: a consume (with its state machine),
 * or a consumeUndo / refund of one (final when taken). Changes go through synchronized methods, so the customer
 * and the merchant acting at the same moment resolve to one outcome.
 */
final class AcpTransaction {
    final String orderId;
    final String txnTime;
    final String txnType;
    final String txnSubType;
    final long amountFen;
    final String backUrl;
    final String queryId;
    /** For an undo or refund: the consume's queryId. */
    final String origQryId;
    final LocalDateTime payTimeout;

    private ConsumeState state;
    private long refundedFen;
    private LocalDate paidOn;
    /** When UnionPay took it (a consume: paid; an undo or refund: accepted), Beijing time; null before. */
    private LocalDateTime takenAt;
    private String traceNo;
    private String traceTime;
    private Map<String, String> lastNotification;
    private int notificationsSent;
    private int notificationsAcknowledged;

    AcpTransaction(String orderId, String txnTime, String txnType, String txnSubType, long amountFen, String backUrl,
            String queryId, String origQryId, LocalDateTime payTimeout) {
        this.orderId = orderId;
        this.txnTime = txnTime;
        this.txnType = txnType;
        this.txnSubType = txnSubType;
        this.amountFen = amountFen;
        this.backUrl = backUrl;
        this.queryId = queryId;
        this.origQryId = origQryId;
        this.payTimeout = payTimeout;
        this.state = isConsume() ? ConsumeState.WAITING : null;
    }

    boolean isConsume() {
        return AcpCodes.CONSUME.equals(txnType);
    }

    record Snapshot(String orderId, String txnTime, String txnType, long amountFen, String queryId, String origQryId,
            ConsumeState state, long refundedFen, LocalDate paidOn, String traceNo, String traceTime,
            int notificationsSent, int notificationsAcknowledged, LocalDateTime takenAt) {
    }

    /** Applies the event if the table allows it; the snapshot after it, or null (nothing changed). */
    synchronized Snapshot apply(ConsumeState.Event event, LocalDateTime now) {
        if (event == ConsumeState.Event.CUSTOMER_PAYS && payTimeout != null && now.isAfter(payTimeout)) {
            return null; // the QR code expired: nothing to pay
        }
        if (event == ConsumeState.Event.PAID_BEFORE_TIMEOUT && (payTimeout == null || !now.isAfter(payTimeout))) {
            return null; // not expired: the merchant has not taken it as closed, so it is no late payment
        }
        ConsumeState next = state == null ? null : state.on(event);
        if (next == null) {
            return null;
        }
        state = next;
        if (event == ConsumeState.Event.CUSTOMER_PAYS || event == ConsumeState.Event.PAID_BEFORE_TIMEOUT) {
            paidOn = now.toLocalDate();
            takenAt = now;
            traceNo = traceNo(queryId);
            traceTime = AcpTime.traceTime(now);
        }
        return snapshot();
    }

    /** An undo or refund that was accepted: it happened now (and appears in that day's file). */
    synchronized void taken(LocalDateTime now) {
        if (!isConsume() && takenAt == null) {
            takenAt = now;
            traceNo = traceNo(queryId);
            traceTime = AcpTime.traceTime(now);
        }
    }

    static String traceNo(String queryId) {
        return String.format("%06d", Math.floorMod(queryId.hashCode(), 1_000_000));
    }

    /** A refund of {@code fen}: null when the consume is not paid or the amount exceeds what is left. */
    synchronized Snapshot refund(long fen) {
        if (state != ConsumeState.PAID || fen > amountFen - refundedFen) {
            return null;
        }
        refundedFen += fen;
        if (refundedFen == amountFen) {
            state = state.on(ConsumeState.Event.FULLY_REFUNDED);
        }
        return snapshot();
    }

    /** consumeUndo: only a paid consume, on the day it was paid, with nothing refunded; null otherwise. */
    synchronized Snapshot undo(LocalDate today) {
        if (state != ConsumeState.PAID || refundedFen != 0 || !today.equals(paidOn)) {
            return null;
        }
        state = state.on(ConsumeState.Event.MERCHANT_UNDOES);
        return snapshot();
    }

    synchronized Map<String, String> lastNotification() {
        return lastNotification;
    }

    synchronized void lastNotification(Map<String, String> fields) {
        lastNotification = fields;
    }

    synchronized void notificationSent(boolean acknowledged) {
        notificationsSent++;
        if (acknowledged) {
            notificationsAcknowledged++;
        }
    }

    synchronized Snapshot snapshot() {
        return new Snapshot(orderId, txnTime, txnType, amountFen, queryId, origQryId, state, refundedFen, paidOn, traceNo,
                traceTime, notificationsSent, notificationsAcknowledged, takenAt);
    }
}

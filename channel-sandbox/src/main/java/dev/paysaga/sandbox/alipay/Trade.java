package dev.paysaga.sandbox.alipay;

import dev.paysaga.sandbox.alipay.TradeStatus.Event;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One Alipay trade as the sandbox remembers it. Every change goes through a synchronized method, so a
 * customer acting and the merchant closing at the same moment resolve to exactly one outcome.
 */
public final class Trade {
    /** A merchant may not refund one trade more often than this (Alipay limits refunds per trade too). */
    static final int MAX_REFUNDS = 50;

    private final String outTradeNo;
    private final String tradeNo;
    private final long totalCents;
    private final String subject;
    private final String notifyUrl;
    private final String qrCode;
    private final String gmtCreate;

    private TradeStatus status = TradeStatus.WAIT_BUYER_PAY;
    private String gmtPayment;
    private String gmtClose;
    private boolean closedByMerchant;
    private final Map<String, Refund> refundsByRequestNo = new LinkedHashMap<>();
    private long refundedCents;
    private Map<String, String> lastNotification;
    private int notificationsSent;
    private int notificationsAcknowledged;

    Trade(String outTradeNo, String tradeNo, long totalCents, String subject, String notifyUrl, String qrCode, String gmtCreate) {
        this.outTradeNo = outTradeNo;
        this.tradeNo = tradeNo;
        this.totalCents = totalCents;
        this.subject = subject;
        this.notifyUrl = notifyUrl;
        this.qrCode = qrCode;
        this.gmtCreate = gmtCreate;
    }

    /** A consistent picture of the trade at one moment. */
    public record Snapshot(String outTradeNo, String tradeNo, TradeStatus status, long totalCents, String subject,
            String qrCode, String gmtCreate, String gmtPayment, String gmtClose, boolean closedByMerchant,
            long refundedCents, int notificationsSent, int notificationsAcknowledged) {
    }

    /** A refund that moved money: its out_request_no, amount and when (Alipay's time, GMT+8). */
    public record Refund(String outRequestNo, long amountCents, String gmtRefund) {
    }

    public enum RefundOutcome {
        /** Money moved now. */
        REFUNDED,
        /** The same out_request_no and amount again: nothing moves, the first refund stands. */
        REPEATED,
        /** The trade was never paid. */
        NOT_PAID,
        /** More than what is left of the payment. */
        EXCEEDS_REMAINING,
        /** The out_request_no was used before with another amount. */
        REQUEST_NO_REUSED,
        TOO_MANY_REFUNDS
    }

    public String outTradeNo() {
        return outTradeNo;
    }

    public String tradeNo() {
        return tradeNo;
    }

    public long totalCents() {
        return totalCents;
    }

    public String notifyUrl() {
        return notifyUrl;
    }

    /** Applies the event if the table allows it; the snapshot after it, or null if not allowed (nothing changed). */
    public synchronized Snapshot apply(Event event, String at) {
        TradeStatus next = status.on(event);
        if (next == null || (event == Event.PAID_AFTER_CLOSE && (!closedByMerchant || gmtPayment != null))) {
            return null; // paid after close: only a trade the merchant closed, never one declined or refunded
        }
        status = next;
        switch (event) {
            case BUYER_PAYS -> gmtPayment = at;
            case PAID_AFTER_CLOSE -> {
                gmtPayment = at;
                gmtClose = null; // the close never took effect: the trade is paid, as Alipay shows it
            }
            case MERCHANT_CLOSES -> {
                closedByMerchant = true;
                gmtClose = at;
            }
            case BUYER_DECLINES, FULLY_REFUNDED -> gmtClose = at;
        }
        return snapshot();
    }

    public synchronized RefundOutcome refund(String outRequestNo, long amountCents, String at) {
        Refund earlier = refundsByRequestNo.get(outRequestNo);
        if (earlier != null) {
            return earlier.amountCents() == amountCents ? RefundOutcome.REPEATED : RefundOutcome.REQUEST_NO_REUSED;
        }
        if (gmtPayment == null) {
            return RefundOutcome.NOT_PAID;
        }
        if (amountCents > totalCents - refundedCents) {
            return RefundOutcome.EXCEEDS_REMAINING;
        }
        if (refundsByRequestNo.size() >= MAX_REFUNDS) {
            return RefundOutcome.TOO_MANY_REFUNDS;
        }
        refundsByRequestNo.put(outRequestNo, new Refund(outRequestNo, amountCents, at));
        refundedCents += amountCents;
        if (refundedCents > totalCents || refundedCents < 0) {
            throw new IllegalStateException("refunded " + refundedCents + " of " + totalCents + " on " + outTradeNo);
        }
        if (refundedCents == totalCents) {
            apply(Event.FULLY_REFUNDED, at);
        }
        return RefundOutcome.REFUNDED;
    }

    /** The amount refunded under this out_request_no, or null if there is no such refund. */
    public synchronized Long refundOf(String outRequestNo) {
        Refund refund = refundsByRequestNo.get(outRequestNo);
        return refund == null ? null : refund.amountCents();
    }

    /** The refunds that moved money, in the order they were made. */
    public synchronized java.util.List<Refund> refunds() {
        return java.util.List.copyOf(refundsByRequestNo.values());
    }

    public synchronized void lastNotification(Map<String, String> signed) {
        this.lastNotification = Map.copyOf(signed);
    }

    /** The last notification built for this trade (sent or withheld), or null if there is none yet. */
    public synchronized Map<String, String> lastNotification() {
        return lastNotification;
    }

    public synchronized void notificationSent(boolean acknowledged) {
        notificationsSent++;
        if (acknowledged) {
            notificationsAcknowledged++;
        }
    }

    public synchronized Snapshot snapshot() {
        return new Snapshot(outTradeNo, tradeNo, status, totalCents, subject, qrCode, gmtCreate, gmtPayment, gmtClose,
                closedByMerchant, refundedCents, notificationsSent, notificationsAcknowledged);
    }
}

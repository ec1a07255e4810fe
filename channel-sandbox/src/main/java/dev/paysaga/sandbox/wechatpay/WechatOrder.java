package dev.paysaga.sandbox.wechatpay;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One Native-pay order as the sandbox remembers it. Every change goes through a synchronized method, so the
 * customer acting and the merchant closing at the same moment resolve to exactly one outcome.
 */
final class WechatOrder {
    private final String outTradeNo;
    private final String transactionId;
    private final long totalFen;
    private final String description;
    private final String notifyUrl;
    private final String codeUrl;

    private OrderState state = OrderState.NOTPAY;
    private String successTime;
    private boolean closedByMerchant;
    private String lastNotification;
    private int notificationsSent;
    private int notificationsAcknowledged;
    private final Map<String, WechatRefund> refunds = new LinkedHashMap<>();
    private long refundedFen;

    WechatOrder(String outTradeNo, String transactionId, long totalFen, String description, String notifyUrl,
            String codeUrl) {
        this.outTradeNo = outTradeNo;
        this.transactionId = transactionId;
        this.totalFen = totalFen;
        this.description = description;
        this.notifyUrl = notifyUrl;
        this.codeUrl = codeUrl;
    }

    record Snapshot(String outTradeNo, String transactionId, OrderState state, long totalFen, String description,
            String codeUrl, String successTime, boolean closedByMerchant, int notificationsSent,
            int notificationsAcknowledged) {
    }

    String outTradeNo() {
        return outTradeNo;
    }

    String notifyUrl() {
        return notifyUrl;
    }

    /** Applies the event if the table allows it; the snapshot after it, or null if not allowed (nothing changed). */
    synchronized Snapshot apply(OrderState.Event event) {
        OrderState next = state.on(event);
        if (next == null) {
            return null;
        }
        state = next;
        if (event == OrderState.Event.CUSTOMER_PAYS || event == OrderState.Event.PAID_BEFORE_CLOSE) {
            successTime = WechatTime.now();
        } else if (event == OrderState.Event.MERCHANT_CLOSES) {
            closedByMerchant = true;
        }
        return snapshot();
    }

    /** What a refund request came to: the refund (new or the same one again), or why not. */
    enum RefundOutcome { CREATED, REPEATED, NOT_PAID, OTHER_AMOUNT, EXCEEDS_REMAINING }

    record Refunding(RefundOutcome outcome, WechatRefund refund) {
    }

    /**
     * Refunds {@code refundFen} under {@code outRefundNo}; the same number again answers the first
     * refund, never a second one. Never more than the order took, in total.
     */
    synchronized Refunding refund(String outRefundNo, String refundId, long refundFen, long delayMillis) {
        WechatRefund existing = refunds.get(outRefundNo);
        if (existing != null) {
            return new Refunding(existing.refundFen() == refundFen ? RefundOutcome.REPEATED : RefundOutcome.OTHER_AMOUNT,
                    existing);
        }
        if (state.on(OrderState.Event.MERCHANT_REFUNDS) == null) {
            return new Refunding(RefundOutcome.NOT_PAID, null);
        }
        if (refundFen > totalFen - refundedFen) {
            return new Refunding(RefundOutcome.EXCEEDS_REMAINING, null);
        }
        state = state.on(OrderState.Event.MERCHANT_REFUNDS);
        refundedFen += refundFen;
        WechatRefund refund = new WechatRefund(outRefundNo, refundId, outTradeNo, transactionId, totalFen, refundFen,
                Instant.now(), delayMillis);
        refunds.put(outRefundNo, refund);
        return new Refunding(RefundOutcome.CREATED, refund);
    }

    synchronized Optional<WechatRefund> refundOf(String outRefundNo) {
        return Optional.ofNullable(refunds.get(outRefundNo));
    }

    synchronized java.util.List<WechatRefund> refunds() {
        return java.util.List.copyOf(refunds.values());
    }

    synchronized long refundedFen() {
        return refundedFen;
    }

    /** The notification body built for this order (sent or withheld), or null if there is none yet. */
    synchronized String lastNotification() {
        return lastNotification;
    }

    synchronized void lastNotification(String body) {
        lastNotification = body;
    }

    synchronized void notificationSent(boolean acknowledged) {
        notificationsSent++;
        if (acknowledged) {
            notificationsAcknowledged++;
        }
    }

    synchronized Snapshot snapshot() {
        return new Snapshot(outTradeNo, transactionId, state, totalFen, description, codeUrl, successTime,
                closedByMerchant, notificationsSent, notificationsAcknowledged);
    }
}

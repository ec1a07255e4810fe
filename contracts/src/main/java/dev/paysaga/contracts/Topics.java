package dev.paysaga.contracts;

/**
 * Kafka topic names. Partition counts live in {@code deploy/topics.txt}, the one list the local
 * platform, docker-compose and Kubernetes create topics from.
 */
public final class Topics {
    public static final String ORDER_EVENTS = "order.events";
    public static final String ORDER_COMMANDS = "order.commands";
    public static final String PAYMENT_EVENTS = "payment.events";
    public static final String PAYMENT_COMMANDS = "payment.commands";
    public static final String LEDGER_EVENTS = "ledger.events";
    public static final String LEDGER_COMMANDS = "ledger.commands";
    public static final String NOTIFICATION_COMMANDS = "notification.commands";
    public static final String CHANNEL_EVENTS = "channel.events";
    public static final String RECONCILIATION_EVENTS = "reconciliation.events";
    public static final String SAGA_REPLIES = "saga.replies";
    /** Asks the orchestrator to start a saga that no order event starts (refunds). */
    public static final String SAGA_REQUESTS = "saga.requests";
    /** Merchant API keys by key id, compacted: every service reads it whole (service-runtime KeyDirectoryFeed). */
    public static final String MERCHANT_KEYS = "merchant.keys";
    /** Alerts of payment-service's risk rules, keyed by payment id (docs/risk.md). */
    public static final String RISK_ALERTS = "risk.alerts";

    /** Dead letters of one consumer of one topic: {@code <topic>.dlq.<consumer group>}. */
    public static String deadLetter(String topic, String consumerGroup) {
        return topic + ".dlq." + consumerGroup;
    }

    private Topics() {
    }
}

package dev.paysaga.saga.domain;

import dev.paysaga.contracts.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every saga PaySaga runs, each as the step table a reviewer checks against the business rule. */
public final class SagaDefinitions {
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(30);

    /**
     * Paying an order from the customer's wallet. Payment and notification come first, so whatever
     * later step refuses, the payment exists with its outcome and payment.failed is published.
     * <pre>
     * step          participant   try                         confirm              cancel
     * payment       payment       payment PROCESSING          SUCCEEDED            FAILED (with the reason)
     * notification  notification  record pending outcome     publish succeeded    publish failed
     * order         order         PENDING_PAYMENT → PAYING    PAYING → PAID        PAYING → PENDING_PAYMENT
     * funds         ledger        pending transfer            post it              void it
     *                             wallet → merchant
     * </pre>
     */
    public static final SagaDefinition PAY_ORDER_WITH_WALLET = new SagaDefinition("pay_order", List.of(
            new StepDefinition("payment", "payment", Topics.PAYMENT_COMMANDS, ANSWER_WITHIN, RetryPolicy.STANDARD),
            new StepDefinition("notification", "notification", Topics.NOTIFICATION_COMMANDS, ANSWER_WITHIN,
                    RetryPolicy.STANDARD),
            new StepDefinition("order", "order", Topics.ORDER_COMMANDS, ANSWER_WITHIN, RetryPolicy.STANDARD),
            new StepDefinition("funds", "ledger", Topics.LEDGER_COMMANDS, ANSWER_WITHIN, RetryPolicy.STANDARD)));

    private static final Map<String, SagaDefinition> BY_TYPE = Map.of(
            PAY_ORDER_WITH_WALLET.type(), PAY_ORDER_WITH_WALLET);

    private SagaDefinitions() {
    }

    public static Optional<SagaDefinition> byType(String type) {
        return Optional.ofNullable(BY_TYPE.get(type));
    }
}

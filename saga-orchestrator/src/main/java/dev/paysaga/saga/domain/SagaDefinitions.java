package dev.paysaga.saga.domain;

import dev.paysaga.contracts.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Every saga PaySaga runs, each as the step table a reviewer checks against the business rule. */
@ApplicationScoped
public class SagaDefinitions {

    /*
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
    static SagaDefinition payOrderWithWallet(Duration answerWithin) {
        return new SagaDefinition("pay_order", List.of(
                new StepDefinition("payment", "payment", Topics.PAYMENT_COMMANDS, answerWithin, RetryPolicy.STANDARD),
                new StepDefinition("notification", "notification", Topics.NOTIFICATION_COMMANDS, answerWithin,
                        RetryPolicy.STANDARD),
                new StepDefinition("order", "order", Topics.ORDER_COMMANDS, answerWithin, RetryPolicy.STANDARD),
                new StepDefinition("funds", "ledger", Topics.LEDGER_COMMANDS, answerWithin, RetryPolicy.STANDARD)));
    }

    private final SagaDefinition payOrderWithWallet;
    private final Map<String, SagaDefinition> byType;

    /** @param answerWithin every phase's deadline; a deadline is fixed when its command is sent */
    SagaDefinitions(@ConfigProperty(name = "paysaga.saga.answer-within", defaultValue = "PT30S") Duration answerWithin) {
        this.payOrderWithWallet = payOrderWithWallet(answerWithin);
        this.byType = Map.of(payOrderWithWallet.type(), payOrderWithWallet);
    }

    public SagaDefinition payOrderWithWallet() {
        return payOrderWithWallet;
    }

    public Optional<SagaDefinition> byType(String type) {
        return Optional.ofNullable(byType.get(type));
    }
}

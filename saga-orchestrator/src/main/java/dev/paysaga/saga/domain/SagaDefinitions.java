package dev.paysaga.saga.domain;

import dev.paysaga.contracts.PaymentInstruction;
import dev.paysaga.contracts.RefundInstruction;
import dev.paysaga.contracts.SagaCommand;
import dev.paysaga.contracts.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Every saga PaySaga runs, each as the step table a reviewer checks against the business rule. */
@ApplicationScoped
public class SagaDefinitions {
    public static final String PAY_ORDER = SagaCommand.PAY_ORDER;
    public static final String REFUND = SagaCommand.REFUND;

    /*
     * Paying an order from the customer's wallet. No Try relies on another, so all four go out at
     * once: the saga costs two round trips, not five. Whichever step refuses, the payment's Try was
     * sent (it reaches payment-service before its Cancel), so the payment exists with its outcome, and
     * the notification's Cancel publishes payment.failed.
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
        return new SagaDefinition("pay_order_wallet", PAY_ORDER, List.of(
                step("payment", "payment", Topics.PAYMENT_COMMANDS, answerWithin),
                step("notification", "notification", Topics.NOTIFICATION_COMMANDS, answerWithin).cancelledAlways(),
                step("order", "order", Topics.ORDER_COMMANDS, answerWithin),
                step("funds", "ledger", Topics.LEDGER_COMMANDS, answerWithin)), true, true);
    }

    /*
     * Paying an order through a channel (Alipay, …). The channel transaction was opened when the
     * customer asked to pay, so the customer already holds the QR code; the order is PAYING before
     * the saga waits for the customer, so neither the unpaid-order timeout nor a merchant cancel
     * can close it under a paying customer.
     * <pre>
     * step          participant   try                             confirm              cancel
     * payment       payment       payment PROCESSING              SUCCEEDED            FAILED (with the reason)
     * notification  notification  record pending outcome         publish succeeded    publish failed
     * order         order         PENDING_PAYMENT → PAYING        PAYING → PAID        PAYING → PENDING_PAYMENT
     * channel       payment       answered when the channel       –                    close the transaction
     *                             says paid (notification or      at the channel (also if its
     *                             active query); declined → no    Try never came: always cancelled)
     * funds         ledger        pending transfer                post it              void it
     *                             channel clearing → merchant
     * </pre>
     * The channel step's deadline is how long the customer has to pay. Not bounded: it starts at
     * once, whatever the load, because its customer is paying already.
     */
    static SagaDefinition payOrderThroughChannel(Duration answerWithin, Duration customerPaysWithin) {
        return new SagaDefinition("pay_order_channel", PAY_ORDER, List.of(
                step("payment", "payment", Topics.PAYMENT_COMMANDS, answerWithin),
                step("notification", "notification", Topics.NOTIFICATION_COMMANDS, answerWithin).cancelledAlways(),
                step("order", "order", Topics.ORDER_COMMANDS, answerWithin),
                step("channel", "payment", Topics.PAYMENT_COMMANDS, customerPaysWithin).cancelledAlways(),
                step("funds", "ledger", Topics.LEDGER_COMMANDS, answerWithin)), false);
    }

    /*
     * Refunding (part of) a wallet payment. The refund record and its amount were checked against
     * what is left to refund when the merchant asked; the saga makes the refund, the payment, the
     * ledger and the public event agree. Its Tries go out at once, as the wallet payment's.
     * <pre>
     * step          participant   try                         confirm                       cancel
     * refund        payment       refund still pending        refund SUCCEEDED, payment     refund FAILED
     *                                                         (partially_)refunded          (also if its Try never came)
     * notification  notification  record pending outcome     publish refund.succeeded      publish refund.failed
     * funds         ledger        pending transfer            post it                       void it
     *                             merchant → wallet
     * </pre>
     */
    static SagaDefinition refundToWallet(Duration answerWithin) {
        return new SagaDefinition("refund_wallet", REFUND, List.of(
                step("refund", "payment", Topics.PAYMENT_COMMANDS, answerWithin),
                step("notification", "notification", Topics.NOTIFICATION_COMMANDS, answerWithin).cancelledAlways(),
                step("funds", "ledger", Topics.LEDGER_COMMANDS, answerWithin)), true, true);
    }

    /*
     * Refunding (part of) a payment taken through a channel: the money goes back the way it came. The
     * channel step comes last, because a refund the channel made cannot be taken back: it is asked for
     * only once every other Try holds (the ledger has reserved the amount in the merchant's settlement).
     * <pre>
     * step          participant   try                         confirm                       cancel
     * refund        payment       refund still pending        refund SUCCEEDED, payment     refund FAILED
     *                                                         (partially_)refunded          (also if its Try never came)
     * notification  notification  record pending outcome     publish refund.succeeded      publish refund.failed
     * funds         ledger        pending transfer            post it                       void it
     *                             merchant → channel clearing
     * channel       payment       refund at the channel;      –                             abandon it, only if the
     *                             answered later while the                                  channel does not have it
     *                             channel processes it;                                     (else the Cancel fails and
     *                             declined → refused                                        the saga is parked)
     * </pre>
     * The channel step's deadline is how long a channel may take to finish a refund. Not bounded: a
     * refund waiting for its channel must not hold a slot the wallet sagas need.
     */
    static SagaDefinition refundThroughChannel(Duration answerWithin, Duration channelRefundsWithin) {
        return new SagaDefinition("refund_channel", REFUND, List.of(
                step("refund", "payment", Topics.PAYMENT_COMMANDS, answerWithin),
                step("notification", "notification", Topics.NOTIFICATION_COMMANDS, answerWithin).cancelledAlways(),
                step("funds", "ledger", Topics.LEDGER_COMMANDS, answerWithin),
                step("channel", "payment", Topics.PAYMENT_COMMANDS, channelRefundsWithin)), false);
    }

    /*
     * Notification steps are cancelled always: a saga that fails before it reaches them still
     * owes its consumers the failure event.
     */
    private static StepDefinition step(String name, String participant, String topic, Duration deadline) {
        return new StepDefinition(name, participant, topic, deadline, RetryPolicy.STANDARD);
    }

    private final Map<String, SagaDefinition> byName;

    /**
     * @param answerWithin       every phase's deadline; a deadline is fixed when its command is sent. It is the
     *                           bound on an internal outage: a participant that is restarting answers late, not
     *                           no (a refusal is an answer and cancels at once), so it is minutes, not seconds
     * @param customerPaysWithin how long a channel payment waits for the customer to pay
     * @param channelRefundsWithin how long a refund through a channel waits for the channel to finish it
     */
    SagaDefinitions(@ConfigProperty(name = "paysaga.saga.answer-within", defaultValue = "PT2M") Duration answerWithin,
            @ConfigProperty(name = "paysaga.saga.customer-pays-within", defaultValue = "PT15M") Duration customerPaysWithin,
            @ConfigProperty(name = "paysaga.saga.channel-refunds-within", defaultValue = "PT1H") Duration channelRefundsWithin) {
        this.byName = Stream.of(payOrderWithWallet(answerWithin), payOrderThroughChannel(answerWithin, customerPaysWithin),
                        refundToWallet(answerWithin), refundThroughChannel(answerWithin, channelRefundsWithin))
                .collect(Collectors.toUnmodifiableMap(SagaDefinition::name, Function.identity()));
    }

    /** The table that pays {@code payment}: by wallet or through its channel. */
    public SagaDefinition forPayment(PaymentInstruction payment) {
        return byName.get(payment.throughChannel() ? "pay_order_channel" : "pay_order_wallet");
    }

    /** The table that refunds {@code refund}: to the wallet, or back through the payment's channel. */
    public SagaDefinition forRefund(RefundInstruction refund) {
        return byName.get(refund.throughChannel() ? "refund_channel" : "refund_wallet");
    }

    /** A stored saga's table; sagas stored before tables had names carry only their type. */
    public Optional<SagaDefinition> byName(String name) {
        return Optional.ofNullable(byName.get(name)).or(() -> Optional.ofNullable(switch (name) {
            case PAY_ORDER -> byName.get("pay_order_wallet");
            case REFUND -> byName.get("refund_wallet");
            default -> null;
        }));
    }
}

package dev.paysaga.ledger.domain;

import static dev.paysaga.ledger.support.LedgerClient.available;
import static dev.paysaga.ledger.support.LedgerClient.freshId;
import static dev.paysaga.ledger.support.LedgerClient.topUp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paysaga.contracts.PaymentInstruction;
import dev.paysaga.contracts.RefundInstruction;
import dev.paysaga.contracts.SagaCommand;
import dev.paysaga.ledger.support.LedgerInvariants;
import dev.paysaga.runtime.ids.Ids;
import dev.paysaga.runtime.tcc.TccRefusal;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The saga's funds steps move money in the wallet the payment's customer holds at the payment's
 * merchant, never in the same customer id's wallet at another merchant: a payment of merchant M
 * cannot be paid from money credited for merchant N, and M's refund goes back to the wallet at M.
 */
@QuarkusTest
class WalletFundsStepsTest {
    @Inject
    FundsStep funds;
    @Inject
    RefundFundsStep refunds;

    final String customer = freshId("cus");
    final String merchant = freshId("mer");
    final String otherMerchant = freshId("mer");

    @AfterEach
    void invariantsHold() {
        LedgerInvariants.assertHold();
    }

    @Test
    void aPaymentDebitsTheWalletAtItsMerchantAndARefundCreditsIt() {
        topUp(otherMerchant, customer, 5_000);
        PaymentInstruction payment = new PaymentInstruction(Ids.next("pay"), Ids.next("ord"), merchant, customer, 3_000,
                "CNY", PaymentInstruction.WALLET, null);

        TccRefusal refusal = assertThrows(TccRefusal.class, () -> inTransaction(() -> funds.tryPhase(pay(payment))));
        assertEquals("insufficient_funds", refusal.code(), "the customer's money at another merchant does not pay");
        assertEquals(5_000, available(otherMerchant, customer));

        topUp(merchant, customer, 4_000);
        JsonNode held = inTransaction(() -> funds.tryPhase(pay(payment)));
        assertEquals(1_000, available(merchant, customer), "3,000 held");
        inTransaction(() -> funds.confirm(pay(payment), held));
        assertEquals(1_000, available(merchant, customer));

        RefundInstruction refund = new RefundInstruction(Ids.next("ref"), payment.paymentId(), payment.orderId(), merchant,
                customer, 1_200, "CNY", PaymentInstruction.WALLET, "requested_by_customer", null);
        SagaCommand command = new SagaCommand(Ids.next("sag"), SagaCommand.REFUND, "funds", SagaCommand.TRY, 1, null,
                refund, null);
        inTransaction(() -> refunds.tryPhase(command).chain(tried -> refunds.confirm(command, tried)));
        assertEquals(2_200, available(merchant, customer), "refunded to the wallet at the payment's merchant");
        assertEquals(5_000, available(otherMerchant, customer), "the other merchant's wallet never moved");
    }

    private static SagaCommand pay(PaymentInstruction payment) {
        return new SagaCommand(Ids.next("sag"), SagaCommand.PAY_ORDER, "funds", SagaCommand.TRY, 1, payment, null, null);
    }

    /** As the TCC fence runs a phase: in a transaction, on a Vert.x context; a refusal is rethrown as itself. */
    private static <T> T inTransaction(Supplier<Uni<T>> phase) {
        try {
            return LedgerInvariants.onVertx(() -> Panache.withTransaction(phase));
        } catch (IllegalStateException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }
}

package dev.paysaga.ledger.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The ledger's rules without a database, as a table: request → result code (null: applied). */
class PostingPlanTest {
    static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    static final LedgerAccount WALLET = account("acc_w", AccountType.CUSTOMER_WALLET, "CNY", new Balances(0, 0, 0, 1_000));
    static final LedgerAccount MERCHANT = account("acc_m", AccountType.MERCHANT_SETTLEMENT, "CNY", Balances.ZERO);
    static final LedgerAccount FUNDING = account("acc_f", AccountType.PLATFORM_FUNDING, "CNY", new Balances(0, 1_000, 0, 0));
    static final LedgerAccount EURO = account("acc_e", AccountType.CUSTOMER_WALLET, "EUR", Balances.ZERO);
    static final LedgerAccount FULL = account("acc_x", AccountType.PLATFORM_FUNDING, "CNY",
            new Balances(0, Long.MAX_VALUE - 10, 0, 0));

    // Existing transfers: a pending hold of 300 from the wallet (the wallet's balances include it below).
    static final Transfer HOLD = pending("tr_hold", 300, null);
    static final Transfer LAPSED = new Transfer("tr_lapsed", TransferKind.PENDING, TransferStatus.PENDING, "acc_w",
            "acc_m", 100, null, "CNY", null, 60L, "payment", null, null, NOW.minusSeconds(120), NOW.minusSeconds(60), null);
    static final Transfer POSTED_HOLD = new Transfer("tr_done", TransferKind.PENDING, TransferStatus.PENDING_POSTED,
            "acc_w", "acc_m", 50, 50L, "CNY", null, null, "payment", null, null, NOW.minusSeconds(60), null, NOW);
    static final Transfer SINGLE = new Transfer("tr_single", TransferKind.SINGLE, TransferStatus.POSTED, "acc_f", "acc_w",
            500, null, "CNY", null, null, "top_up", "ref_1", null, NOW, null, null);

    static Stream<Arguments> cases() {
        return Stream.of(
                row("single within the wallet", single("tr_1", "acc_w", "acc_m", 600), null),
                row("single past the wallet (300 held)", single("tr_1", "acc_w", "acc_m", 601), "insufficient_funds"),
                row("pending past the wallet", pendingRequest("tr_1", 601), "insufficient_funds"),
                row("funding may go anywhere", single("tr_1", "acc_f", "acc_w", 1_000_000), null),
                row("same account twice", single("tr_1", "acc_w", "acc_w", 1), "accounts_must_be_different"),
                row("unknown debit account", single("tr_1", "acc_nope", "acc_w", 1), "account_not_found"),
                row("unknown credit account", single("tr_1", "acc_w", "acc_nope", 1), "account_not_found"),
                row("accounts in two currencies", single("tr_1", "acc_f", "acc_e", 1), "currency_mismatch"),
                row("request in another currency", TransferRequest.single("tr_1", "acc_f", "acc_w", 1, "EUR", "t", null),
                        "currency_mismatch"),
                row("overflowing a balance", single("tr_1", "acc_x", "acc_f", 11), "overflows_balance"),
                row("post in full", TransferRequest.post("tr_1", "tr_hold", null), null),
                row("post in part", TransferRequest.post("tr_1", "tr_hold", 120L), null),
                row("post more than pending", TransferRequest.post("tr_1", "tr_hold", 301L), "exceeds_pending_amount"),
                row("void", TransferRequest.voiding("tr_1", "tr_hold"), null),
                row("post an unknown pending", TransferRequest.post("tr_1", "tr_nope", null), "pending_transfer_not_found"),
                row("post a single transfer", TransferRequest.post("tr_1", "tr_single", null), "pending_transfer_not_pending"),
                row("post a posted pending", TransferRequest.post("tr_1", "tr_done", null), "pending_transfer_already_posted"),
                row("void a posted pending", TransferRequest.voiding("tr_1", "tr_done"), "pending_transfer_already_posted"),
                row("post a lapsed pending", TransferRequest.post("tr_1", "tr_lapsed", null), "pending_transfer_already_expired"),
                row("same id, same values", single("tr_single", "acc_f", "acc_w", 500), null),
                row("same id, other amount", single("tr_single", "acc_f", "acc_w", 501), "exists_with_different_amount"),
                row("same id, other debit", single("tr_single", "acc_m", "acc_w", 500), "exists_with_different_debit_account_id"),
                row("same id, other credit", single("tr_single", "acc_f", "acc_m", 500), "exists_with_different_credit_account_id"),
                row("same id, other code", TransferRequest.single("tr_single", "acc_f", "acc_w", 500, "CNY", "other", "ref_1"),
                        "exists_with_different_code"),
                row("same id, other reference", TransferRequest.single("tr_single", "acc_f", "acc_w", 500, "CNY", "top_up", "x"),
                        "exists_with_different_reference"),
                row("same id, other type", TransferRequest.pending("tr_single", "acc_f", "acc_w", 500, "CNY", null, "top_up",
                        "ref_1"), "exists_with_different_type"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void appliesOrRefuses(String name, TransferRequest request, String expectedCode) {
        PostingPlan plan = plan();
        if (expectedCode == null) {
            plan.apply(request);
            return;
        }
        LedgerRefusal refusal = assertThrows(LedgerRefusal.class, () -> plan.apply(request));
        assertEquals(expectedCode, refusal.code());
        assertTrue(plan.entries().isEmpty() && plan.created().isEmpty(), "a refusal plans no write");
    }

    @Test
    void aPartialPostPostsItsAmountAndReleasesTheRest() {
        PostingPlan plan = plan();
        PostingPlan.Applied applied = plan.apply(TransferRequest.post("tr_1", "tr_hold", 120L));
        assertEquals(TransferStatus.POSTED, applied.transfer().status());
        assertEquals(120, applied.transfer().amount());
        // tr_lapsed's 100 stays held.
        assertEquals(new Balances(100, 120, 0, 1_000), balances(plan, "acc_w"));
        assertEquals(new Balances(0, 0, 100, 120), balances(plan, "acc_m"));
        Transfer hold = plan.current("tr_hold");
        assertEquals(TransferStatus.PENDING_POSTED, hold.status());
        assertEquals(120L, hold.amountPosted());
        assertEquals(List.of(new Balances(-300, 120, 0, 0), new Balances(0, 0, -300, 120)),
                plan.entries().stream().map(Entry::change).toList());
    }

    @Test
    void aPendingResolvesOnceEvenWithinOneBatch() {
        PostingPlan plan = plan();
        plan.apply(TransferRequest.voiding("tr_1", "tr_hold"));
        LedgerRefusal refusal = assertThrows(LedgerRefusal.class, () -> plan.apply(TransferRequest.post("tr_2", "tr_hold", null)));
        assertEquals("pending_transfer_already_voided", refusal.code());
    }

    @Test
    void theSameIdTwiceInABatchIsAppliedOnce() {
        PostingPlan plan = plan();
        assertTrue(plan.apply(single("tr_1", "acc_f", "acc_w", 10)).created());
        assertFalse(plan.apply(single("tr_1", "acc_f", "acc_w", 10)).created());
        assertEquals(new Balances(400, 0, 0, 1_010), balances(plan, "acc_w"));
    }

    @Test
    void expiryReleasesTheHold() {
        PostingPlan plan = plan();
        assertEquals(TransferStatus.PENDING_EXPIRED, plan.expire(LAPSED).status());
        assertEquals(new Balances(300, 0, 0, 1_000), balances(plan, "acc_w"));
        assertEquals(List.of("tr_lapsed", "tr_lapsed"), plan.entries().stream().map(Entry::transferId).toList());
    }

    private static PostingPlan plan() {
        // The wallet holds 300 (tr_hold) and 100 (tr_lapsed); the merchant sees both as pending credits.
        LedgerAccount wallet = WALLET.apply(new Balances(400, 0, 0, 0));
        LedgerAccount merchant = MERCHANT.apply(new Balances(0, 0, 400, 0));
        return new PostingPlan(NOW, List.of(wallet, merchant, FUNDING, EURO, FULL), List.of(HOLD, LAPSED, POSTED_HOLD, SINGLE));
    }

    private static Balances balances(PostingPlan plan, String accountId) {
        return plan.touched().stream().filter(a -> a.id().equals(accountId)).findFirst().orElseThrow().balances();
    }

    private static Arguments row(String name, TransferRequest request, String code) {
        return Arguments.of(name, request, code);
    }

    private static TransferRequest single(String id, String debit, String credit, long amount) {
        return TransferRequest.single(id, debit, credit, amount, "CNY", "top_up", id.equals("tr_single") ? "ref_1" : null);
    }

    private static TransferRequest pendingRequest(String id, long amount) {
        return TransferRequest.pending(id, "acc_w", "acc_m", amount, "CNY", null, "payment", null);
    }

    private static Transfer pending(String id, long amount, Instant expiresAt) {
        return new Transfer(id, TransferKind.PENDING, TransferStatus.PENDING, "acc_w", "acc_m", amount, null, "CNY", null,
                null, "payment", null, null, NOW.minusSeconds(10), expiresAt, null);
    }

    private static LedgerAccount account(String id, AccountType type, String currency, Balances balances) {
        return new LedgerAccount(id, "owner_" + id, type, currency, type.debitsMustNotExceedCredits,
                type.creditsMustNotExceedDebits, false, balances);
    }
}

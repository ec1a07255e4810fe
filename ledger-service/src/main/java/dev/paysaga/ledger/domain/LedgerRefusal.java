package dev.paysaga.ledger.domain;

import dev.paysaga.runtime.api.ApiException;

/**
 * Why the ledger says no to a transfer, as a stable code (docs/ledger.md lists them). A refusal
 * changes nothing: the transaction that met it rolls back.
 */
public class LedgerRefusal extends ApiException {

    public LedgerRefusal(int status, String code, String detail, String param) {
        super(status, code, detail, param);
    }

    public static LedgerRefusal insufficientFunds(String accountId) {
        return new LedgerRefusal(402, "insufficient_funds",
                "Account " + accountId + " has too little available: its debits may not exceed its credits", "amount");
    }

    public static LedgerRefusal exceedsDebits(String accountId) {
        return new LedgerRefusal(422, "exceeds_debits",
                "The credits of account " + accountId + " may not exceed its debits", "amount");
    }

    public static LedgerRefusal overflow() {
        return new LedgerRefusal(422, "overflows_balance", "The transfer would overflow an account balance", "amount");
    }

    public static LedgerRefusal accountNotFound(String accountId, String param) {
        return new LedgerRefusal(422, "account_not_found", "No account with id " + accountId, param);
    }

    public static LedgerRefusal accountClosed(String accountId, String param) {
        return new LedgerRefusal(422, "account_closed", "Account " + accountId + " is closed", param);
    }

    public static LedgerRefusal closingWithPending(String accountId) {
        return new LedgerRefusal(409, "account_has_pending_transfers",
                "Account " + accountId + " has pending transfers: post or void them before closing it", null);
    }

    public static LedgerRefusal accountsMustBeDifferent() {
        return new LedgerRefusal(422, "accounts_must_be_different",
                "The debit and credit accounts must be different", "credit_account_id");
    }

    public static LedgerRefusal currencyMismatch(String detail) {
        return new LedgerRefusal(422, "currency_mismatch", detail, "currency");
    }

    public static LedgerRefusal pendingNotFound(String pendingId) {
        return new LedgerRefusal(422, "pending_transfer_not_found", "No transfer with id " + pendingId, "pending_id");
    }

    public static LedgerRefusal notPending(String pendingId) {
        return new LedgerRefusal(422, "pending_transfer_not_pending",
                "Transfer " + pendingId + " is not a pending transfer", "pending_id");
    }

    /** {@code pending_transfer_already_posted}, {@code …_voided} or {@code …_expired}. */
    public static LedgerRefusal alreadyResolved(String pendingId, TransferStatus status) {
        String outcome = status.name().substring("PENDING_".length()).toLowerCase();
        return new LedgerRefusal(409, "pending_transfer_already_" + outcome,
                "Pending transfer " + pendingId + " is already " + outcome, "pending_id");
    }

    public static LedgerRefusal exceedsPendingAmount(String pendingId, long pendingAmount) {
        return new LedgerRefusal(422, "exceeds_pending_amount",
                "At most " + pendingAmount + " of pending transfer " + pendingId + " can be posted", "amount");
    }

    /** The id exists with other values: {@code exists_with_different_amount}, {@code …_debit_account_id}, … */
    public static LedgerRefusal existsWithDifferent(String transferId, String field) {
        return new LedgerRefusal(409, "exists_with_different_" + field,
                "Transfer " + transferId + " exists with a different " + field, field);
    }
}

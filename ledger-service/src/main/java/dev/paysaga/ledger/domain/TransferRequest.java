package dev.paysaga.ledger.domain;

/**
 * A transfer as asked for, already checked for form (the API refuses missing or malformed
 * fields). {@code id} is the client's: asking again with the same id and the same values answers
 * the transfer that exists.
 *
 * @param amount         minor units; for a post, absent means the whole pending amount
 * @param timeoutSeconds a pending transfer's life; absent: it waits until posted or voided
 * @param origin         who asked through the API, and why; absent for the ledger's own transfers
 */
public record TransferRequest(String id, TransferKind kind, String debitAccountId, String creditAccountId,
        Long amount, String currency, String pendingId, Long timeoutSeconds, String code, String reference,
        Origin origin) {

    public static TransferRequest single(String id, String debit, String credit, long amount, String currency,
            String code, String reference) {
        return new TransferRequest(id, TransferKind.SINGLE, debit, credit, amount, currency, null, null, code, reference,
                null);
    }

    public static TransferRequest pending(String id, String debit, String credit, long amount, String currency,
            Long timeoutSeconds, String code, String reference) {
        return new TransferRequest(id, TransferKind.PENDING, debit, credit, amount, currency, null, timeoutSeconds, code,
                reference, null);
    }

    public static TransferRequest post(String id, String pendingId, Long amount) {
        return new TransferRequest(id, TransferKind.POST_PENDING, null, null, amount, null, pendingId, null, null, null,
                null);
    }

    public static TransferRequest voiding(String id, String pendingId) {
        return new TransferRequest(id, TransferKind.VOID_PENDING, null, null, null, null, pendingId, null, null, null,
                null);
    }

    /** This request, asked for by {@code origin}. */
    public TransferRequest from(Origin origin) {
        return new TransferRequest(id, kind, debitAccountId, creditAccountId, amount, currency, pendingId, timeoutSeconds,
                code, reference, origin);
    }
}

package dev.paysaga.ledger.domain;

import java.time.Instant;

/**
 * A transfer as recorded. A post or void names its pending transfer ({@code pendingId}) and
 * copies its accounts and currency; the pending transfer records its outcome in {@code status}
 * and, when posted, {@code amountPosted}.
 *
 * @param origin who asked for it through the API, and why; {@code null} for the ledger's own
 */
public record Transfer(String id, TransferKind kind, TransferStatus status, String debitAccountId,
        String creditAccountId, long amount, Long amountPosted, String currency, String pendingId, Long timeoutSeconds,
        String code, String reference, Origin origin, Instant createdAt, Instant expiresAt, Instant resolvedAt) {

    /** This pending transfer, resolved; the lifecycle refuses anything but a first resolution. */
    Transfer resolved(TransferStatus outcome, Long posted, Instant at) {
        TransferStatus to = TransferStatus.LIFECYCLE.transition(id, status, outcome);
        return new Transfer(id, kind, to, debitAccountId, creditAccountId, amount, posted, currency, pendingId,
                timeoutSeconds, code, reference, origin, createdAt, expiresAt, at);
    }

    boolean expiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }
}

package dev.paysaga.ledger.api;

import dev.paysaga.ledger.domain.Transfer;
import java.time.Instant;

/**
 * A transfer as the API shows it: kinds and statuses in lower case; {@code requested_by} (a credential
 * id) and {@code reason} say who asked for it through the API and why (null for the ledger's own).
 */
public record TransferView(String id, String type, String status, String debitAccountId, String creditAccountId,
        long amount, Long amountPosted, String currency, String pendingId, Long timeoutSeconds, Instant expiresAt,
        String code, String reference, String requestedBy, String reason, Instant createdAt, Instant resolvedAt) {

    static TransferView of(Transfer t) {
        return new TransferView(t.id(), t.kind().name().toLowerCase(), t.status().name().toLowerCase(),
                t.debitAccountId(), t.creditAccountId(), t.amount(), t.amountPosted(), t.currency(), t.pendingId(),
                t.timeoutSeconds(), t.expiresAt(), t.code(), t.reference(),
                t.origin() == null ? null : t.origin().requestedBy(), t.origin() == null ? null : t.origin().reason(),
                t.createdAt(), t.resolvedAt());
    }
}

package dev.paysaga.ledger.domain;

/**
 * Who asked for a transfer through the API and, for a wallet top-up, why: the audit trail of money
 * an operator moved or created. Transfers the ledger makes itself (saga steps, expiry) have none.
 *
 * @param requestedBy the caller's credential id (a key id or {@code platform}), never a secret
 * @param reason      why, for a top-up; {@code null} otherwise
 */
public record Origin(String requestedBy, String reason) {
    public Origin {
        if (requestedBy == null) {
            throw new IllegalArgumentException("an origin names who asked");
        }
    }

    public static Origin requestedBy(String credentialId) {
        return new Origin(credentialId, null);
    }
}

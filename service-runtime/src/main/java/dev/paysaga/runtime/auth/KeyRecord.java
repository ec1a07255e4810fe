package dev.paysaga.runtime.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Set;

/**
 * What every service knows of one merchant API key: its hash, never the key. Published by
 * payment-service (which owns merchants and keys) on {@code merchant.keys}, keyed by key id, whole
 * each time, so the compacted topic holds each key's latest state.
 *
 * @param expiresAt the end of a rolled key's overlap window, or {@code null}
 * @param revokedAt when the key was revoked, or {@code null}
 */
public record KeyRecord(
        @JsonProperty("id") String id,
        @JsonProperty("merchant_id") String merchantId,
        @JsonProperty("mode") String mode,
        @JsonProperty("sha256") String sha256,
        @JsonProperty("scopes") Set<String> scopes,
        @JsonProperty("expires_at") Instant expiresAt,
        @JsonProperty("revoked_at") Instant revokedAt) {

    public static final String TYPE = "api_key.updated";

    public boolean activeAt(Instant now) {
        return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
    }
}

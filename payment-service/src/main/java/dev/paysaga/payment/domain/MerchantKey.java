package dev.paysaga.payment.domain;

import dev.paysaga.runtime.auth.ApiKeys;
import dev.paysaga.runtime.auth.KeyRecord;
import dev.paysaga.runtime.auth.Scopes;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** One API key of a merchant, as stored: its hash and visible parts, never the secret. */
@Entity
@Table(name = "api_key")
public class MerchantKey extends PanacheEntityBase {
    @Id
    public String id;
    @Column(name = "merchant_id")
    public String merchantId;
    /** {@code secret} (every scope) or {@code restricted} (its scopes). */
    public String kind;
    public String mode;
    public String sha256;
    public String last4;
    /** Space-separated; empty for a secret key. */
    public String scopes;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "expires_at")
    public Instant expiresAt;
    @Column(name = "revoked_at")
    public Instant revokedAt;
    @Version
    public long version;

    public ApiKeys.Kind kindOfKey() {
        return "secret".equals(kind) ? ApiKeys.Kind.SECRET : ApiKeys.Kind.RESTRICTED;
    }

    /** What shows of the key: its prefix and last four characters. */
    public String redacted() {
        return (kindOfKey() == ApiKeys.Kind.SECRET ? "sk_" : "rk_") + mode + "_…" + last4;
    }

    public List<String> scopeList() {
        return scopes.isBlank() ? List.of() : Arrays.asList(scopes.split(" "));
    }

    /** What every service learns of this key (the merchant.keys topic). */
    public KeyRecord record() {
        Set<String> granted = kindOfKey() == ApiKeys.Kind.SECRET ? Set.copyOf(Scopes.ALL) : Set.copyOf(scopeList());
        return new KeyRecord(id, merchantId, mode, sha256, granted, expiresAt, revokedAt);
    }
}

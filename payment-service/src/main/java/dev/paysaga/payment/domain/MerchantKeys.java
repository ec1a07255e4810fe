package dev.paysaga.payment.domain;

import dev.paysaga.contracts.Topics;
import dev.paysaga.runtime.api.ApiException;
import dev.paysaga.runtime.auth.ApiKeys;
import dev.paysaga.runtime.auth.KeyRecord;
import dev.paysaga.runtime.auth.Scopes;
import dev.paysaga.runtime.ids.Ids;
import dev.paysaga.runtime.messaging.Outbox;
import dev.paysaga.runtime.messaging.OutgoingEvent;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.TreeSet;

/**
 * Issues, rolls and revokes merchant API keys. Each change and its {@code merchant.keys} record commit
 * in one transaction (the outbox), so every service learns of it exactly as stored: a revoked key stops
 * working everywhere once the relay has published the record and the services have read it.
 */
@ApplicationScoped
public class MerchantKeys {
    /** The longest overlap a rolled key may keep working for. */
    public static final Duration MAX_OVERLAP = Duration.ofDays(7);

    private final Outbox outbox;

    MerchantKeys(Outbox outbox) {
        this.outbox = outbox;
    }

    /** A new key and its secret, which exists only in this answer. */
    public record Issued(MerchantKey key, String secret) {
    }

    public Uni<Issued> issue(String merchantId, ApiKeys.Kind kind, String mode, List<String> scopes, String createdBy) {
        String scopeText = validScopes(kind, scopes);
        return Panache.withTransaction(() -> merchant(merchantId)
                .chain(merchant -> create(merchantId, kind, mode, scopeText, createdBy)));
    }

    /**
     * A new key with the old one's kind, mode and scopes; the old one keeps working for {@code overlap}
     * (zero: stops at once), so a merchant can deploy the new key before the old one ends.
     */
    public Uni<Issued> roll(String merchantId, String keyId, Duration overlap, String createdBy) {
        if (overlap.isNegative() || overlap.compareTo(MAX_OVERLAP) > 0) {
            throw ApiException.invalidRequest("expires_in", "expires_in must be between 0 and " + MAX_OVERLAP.toSeconds()
                    + " seconds");
        }
        return Panache.withTransaction(() -> usableKey(merchantId, keyId).chain(old -> {
            Instant end = now().plus(overlap);
            if (old.expiresAt == null || end.isBefore(old.expiresAt)) {
                old.expiresAt = end;
            }
            return publish(old).chain(() -> create(merchantId, old.kindOfKey(), old.mode, old.scopes, createdBy));
        }));
    }

    public Uni<MerchantKey> revoke(String merchantId, String keyId) {
        return Panache.withTransaction(() -> key(merchantId, keyId).chain(key -> {
            if (key.revokedAt != null) {
                return Uni.createFrom().item(key); // revoking twice changes nothing
            }
            key.revokedAt = now();
            return publish(key).replaceWith(key);
        }));
    }

    public Uni<MerchantKey> key(String merchantId, String keyId) {
        return MerchantKey.<MerchantKey>findById(keyId, LockModeType.PESSIMISTIC_WRITE)
                .onItem().ifNull().failWith(() -> ApiException.notFound("API key", keyId))
                .invoke(key -> {
                    if (!key.merchantId.equals(merchantId)) {
                        throw ApiException.notFound("API key", keyId);
                    }
                });
    }

    private Uni<MerchantKey> usableKey(String merchantId, String keyId) {
        return key(merchantId, keyId).invoke(key -> {
            if (!key.record().activeAt(now())) {
                throw ApiException.invalidStateTransition("API key " + keyId + " is revoked or expired");
            }
        });
    }

    private Uni<Issued> create(String merchantId, ApiKeys.Kind kind, String mode, String scopes, String createdBy) {
        String secret = ApiKeys.generate(kind, mode);
        MerchantKey key = new MerchantKey();
        key.id = Ids.next("key");
        key.merchantId = merchantId;
        key.kind = kind == ApiKeys.Kind.SECRET ? "secret" : "restricted";
        key.mode = mode;
        key.sha256 = ApiKeys.hash(secret);
        key.last4 = secret.substring(secret.length() - 4);
        key.scopes = scopes;
        key.createdBy = createdBy;
        key.createdAt = now();
        return key.persist().chain(() -> publish(key)).replaceWith(new Issued(key, secret));
    }

    private Uni<Void> publish(MerchantKey key) {
        return outbox.enqueue(new OutgoingEvent(Topics.MERCHANT_KEYS, key.id, KeyRecord.TYPE, key.merchantId, null,
                key.record())).replaceWithVoid();
    }

    private static Uni<Merchant> merchant(String merchantId) {
        return Merchant.<Merchant>findById(merchantId)
                .onItem().ifNull().failWith(() -> ApiException.notFound("merchant", merchantId));
    }

    private static String validScopes(ApiKeys.Kind kind, List<String> scopes) {
        if (kind == ApiKeys.Kind.SECRET) {
            if (scopes != null && !scopes.isEmpty()) {
                throw ApiException.invalidRequest("scopes", "A secret key holds every scope; scopes are for restricted keys");
            }
            return "";
        }
        if (scopes == null || scopes.isEmpty()) {
            throw ApiException.invalidRequest("scopes", "A restricted key needs at least one scope");
        }
        for (String scope : scopes) {
            if (!Scopes.isKnown(scope)) {
                throw ApiException.invalidRequest("scopes", "Unknown scope " + scope + "; known: " + Scopes.ALL);
            }
        }
        return String.join(" ", new TreeSet<>(scopes));
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}

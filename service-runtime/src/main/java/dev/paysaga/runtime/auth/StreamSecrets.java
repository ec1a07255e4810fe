package dev.paysaga.runtime.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Short-lived secrets that open one object's live stream to a browser ({@code EventSource} cannot send an
 * Authorization header, so the secret travels in the URL): {@code <object id>_stream_<expiry, epoch
 * seconds>_<HMAC-SHA256, base64url>}, e.g. {@code pay_01JD…_stream_1764860400_Qm9…}.
 *
 * <p>Signed, not stored: the service that starts a payment issues one, and any replica of the service
 * that streams it checks it without asking anyone. The key is derived from the service credential that
 * every service already holds ({@code paysaga.auth.service-token}); rotating that credential ends every
 * stream secret, which lives an hour at most anyway. Without the credential no secret is issued or accepted.
 */
@ApplicationScoped
public class StreamSecrets {
    static final String SEPARATOR = "_stream_";
    private static final String ALGORITHM = "HmacSHA256";
    private static final byte[] PURPOSE = "paysaga stream secrets v1".getBytes(StandardCharsets.UTF_8);

    private final SecretKeySpec key;
    private final Duration lifetime;
    private final Clock clock;

    @Inject
    StreamSecrets(AuthConfig config) {
        this(config.serviceToken().orElse(null), config.streamSecretLifetime(), Clock.systemUTC());
    }

    StreamSecrets(String serviceToken, Duration lifetime, Clock clock) {
        this.key = serviceToken == null ? null
                : new SecretKeySpec(hmac(new SecretKeySpec(serviceToken.getBytes(StandardCharsets.UTF_8), ALGORITHM),
                        PURPOSE), ALGORITHM);
        this.lifetime = lifetime;
        this.clock = clock;
    }

    /** A secret for {@code objectId}'s stream, valid for the configured lifetime; empty without a key. */
    public Optional<String> issue(String objectId) {
        if (key == null) {
            return Optional.empty();
        }
        String signed = objectId + SEPARATOR + clock.instant().plus(lifetime).getEpochSecond();
        return Optional.of(signed + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(mac(signed)));
    }

    /** Whether {@code secret} is a valid, unexpired stream secret of {@code objectId}. */
    public boolean opens(String secret, String objectId) {
        if (key == null || secret == null || objectId == null || !secret.startsWith(objectId + SEPARATOR)) {
            return false;
        }
        // The MAC's base64url may hold '_' too: the expiry (digits) ends at the first one.
        int expiryStart = objectId.length() + SEPARATOR.length();
        int macStart = secret.indexOf('_', expiryStart);
        if (macStart < 0) {
            return false;
        }
        String expiry = secret.substring(expiryStart, macStart);
        if (expiry.isEmpty() || expiry.length() > 12 || !expiry.chars().allMatch(Character::isDigit)) {
            return false;
        }
        byte[] presented;
        try {
            presented = Base64.getUrlDecoder().decode(secret.substring(macStart + 1));
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
        return MessageDigest.isEqual(mac(secret.substring(0, macStart)), presented)
                && clock.instant().isBefore(Instant.ofEpochSecond(Long.parseLong(expiry)));
    }

    private byte[] mac(String signed) {
        return hmac(key, signed.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] hmac(SecretKeySpec key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }
}

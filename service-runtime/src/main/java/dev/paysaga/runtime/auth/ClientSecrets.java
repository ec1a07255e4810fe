package dev.paysaga.runtime.auth;

import dev.paysaga.runtime.ids.Ids;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * The format of per-object client secrets, as Stripe's PaymentIntents have them: the object's id,
 * {@code _secret_}, then 32 random base62 characters (190 bits), e.g. {@code ord_01JD…_secret_x8Fq…}.
 * The merchant hands the secret to its buyer's page, which proves with it that it may act on that one
 * object ({@link ClientSecretAccepted}). Stored only as its SHA-256, like API keys and for the same reason.
 */
public final class ClientSecrets {
    static final String SEPARATOR = "_secret_";
    static final int RANDOM_LENGTH = 32;
    private static final int MAX_PREFIX_LENGTH = 8;

    private ClientSecrets() {
    }

    /** A new secret for {@code objectId}, a well-formed id ({@link Ids}). */
    public static String generate(String objectId) {
        if (!isObjectId(objectId)) {
            throw new IllegalArgumentException("not an object id: " + objectId);
        }
        return Base62.appendRandom(new StringBuilder(objectId).append(SEPARATOR), RANDOM_LENGTH).toString();
    }

    /** The id of the object {@code token} is the client secret of, if it has a client secret's shape. */
    public static Optional<String> objectId(String token) {
        int separator = token == null ? -1 : token.length() - RANDOM_LENGTH - SEPARATOR.length();
        if (separator < 0 || !token.startsWith(SEPARATOR, separator) || !Base62.isBase62(token, separator + SEPARATOR.length())) {
            return Optional.empty();
        }
        String objectId = token.substring(0, separator);
        return isObjectId(objectId) ? Optional.of(objectId) : Optional.empty();
    }

    public static boolean isWellFormed(String token) {
        return objectId(token).isPresent();
    }

    /** What is stored and compared: the lower-case hex SHA-256 of the secret. */
    public static String hash(String secret) {
        return ApiKeys.hash(secret);
    }

    /** Whether two hashes are the same, in constant time; a missing one (an object without a secret) matches none. */
    public static boolean matches(String storedSha256, String presentedSha256) {
        return storedSha256 != null && presentedSha256 != null && MessageDigest.isEqual(
                storedSha256.getBytes(StandardCharsets.US_ASCII), presentedSha256.getBytes(StandardCharsets.US_ASCII));
    }

    private static boolean isObjectId(String id) {
        int underscore = id == null ? -1 : id.indexOf('_');
        if (underscore < 1 || underscore > MAX_PREFIX_LENGTH) {
            return false;
        }
        String prefix = id.substring(0, underscore);
        return prefix.chars().allMatch(c -> c >= 'a' && c <= 'z') && Ids.isValid(prefix, id);
    }
}

package dev.paysaga.runtime.auth;

import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every merchant API key this service knows, by hash, in memory: verifying a key costs a hash and a
 * map look-up, no round trip. Fed by {@link KeyDirectoryFeed} (the {@code merchant.keys} topic) and,
 * in tests, by keys fixed in configuration ({@link FixedKeys}).
 */
@Singleton
public final class ApiKeyDirectory {
    private final Map<String, KeyRecord> byHash = new ConcurrentHashMap<>();
    private final Map<String, String> hashById = new ConcurrentHashMap<>();

    /** Takes the latest state of a key; a record replaces the one with the same id. */
    public void put(KeyRecord key) {
        String previous = hashById.put(key.id(), key.sha256());
        if (previous != null && !previous.equals(key.sha256())) {
            byHash.remove(previous);
        }
        byHash.put(key.sha256(), key);
    }

    public void remove(String keyId) {
        String hash = hashById.remove(keyId);
        if (hash != null) {
            byHash.remove(hash);
        }
    }

    /** The key with this hash, if it exists and is neither revoked nor past its overlap window. */
    public Optional<KeyRecord> active(String sha256, Instant now) {
        KeyRecord key = byHash.get(sha256);
        return key != null && key.activeAt(now) ? Optional.of(key) : Optional.empty();
    }

    public int size() {
        return byHash.size();
    }
}

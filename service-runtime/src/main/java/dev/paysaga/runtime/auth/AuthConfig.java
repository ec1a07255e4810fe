package dev.paysaga.runtime.auth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code paysaga.auth.*}: the credentials every service checks itself (docs/api.md, "Authentication"). */
@ConfigMapping(prefix = "paysaga.auth")
public interface AuthConfig {
    /** Which merchant keys this deployment takes: {@code test} or {@code live}; the other mode is refused. */
    @WithDefault("test")
    String mode();

    /** SHA-256 (hex) of the platform operator credential; without it no platform operation is possible. */
    Optional<String> platformKeySha256();

    /**
     * Named platform operators, each with a credential of its own ({@code opk_…}, configured by its SHA-256): they
     * may do what the platform credential does, and operations that need two people (an adjustment's proposer and
     * its approver) know who acted.
     */
    Map<String, Operator> operators();

    interface Operator {
        String sha256();
    }

    /** The credential services present to each other's {@code /internal} APIs; without it they refuse all. */
    Optional<String> serviceToken();

    /** How long a stream secret ({@link StreamSecrets}) opens its object's live stream. */
    @WithDefault("PT1H")
    java.time.Duration streamSecretLifetime();

    /** Merchant keys fixed in configuration, by key id: for tests, which run without payment-service. */
    Map<String, FixedKey> fixedKeys();

    interface FixedKey {
        String merchant();

        String sha256();

        @WithDefault("test")
        String mode();

        /** Empty for a secret key (every scope). */
        Optional<List<String>> scopes();
    }
}

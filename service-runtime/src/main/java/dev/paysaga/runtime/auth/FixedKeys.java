package dev.paysaga.runtime.auth;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.Set;

/** Puts the keys fixed in configuration ({@code paysaga.auth.fixed-keys}) into the directory at start. */
@Singleton
class FixedKeys {
    void load(@Observes StartupEvent event, AuthConfig config, ApiKeyDirectory directory) {
        config.fixedKeys().forEach((id, key) -> directory.put(new KeyRecord(id, key.merchant(), key.mode(),
                key.sha256(), Set.copyOf(key.scopes().orElse(Scopes.ALL)), null, null)));
    }
}

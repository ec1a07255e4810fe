package dev.paysaga.runtime.auth;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready until the merchant keys are loaded: a replica without them would refuse every merchant. */
@Readiness
@ApplicationScoped
public class KeyDirectoryReadiness implements HealthCheck {
    private final KeyDirectoryFeed feed;

    KeyDirectoryReadiness(KeyDirectoryFeed feed) {
        this.feed = feed;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("merchant-keys").status(feed.caughtUp()).build();
    }
}

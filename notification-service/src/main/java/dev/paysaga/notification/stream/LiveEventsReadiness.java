package dev.paysaga.notification.stream;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready until this replica knows where new events start: until then it refuses streams (503). */
@Readiness
@ApplicationScoped
public class LiveEventsReadiness implements HealthCheck {
    private final LiveEvents live;

    LiveEventsReadiness(LiveEvents live) {
        this.live = live;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("live-events").status(live.ready()).build();
    }
}

package dev.paysaga.notification.domain;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.List;

/** {@code paysaga.webhooks.*}: how deliveries are made and retried (docs/webhooks.md). */
@ConfigMapping(prefix = "paysaga.webhooks")
public interface WebhooksConfig {
    /** The waits before each retry; after the last, the delivery is dead-lettered (about three days in all). */
    @WithDefault("5s,5m,30m,2h,5h,10h,10h,14h,20h")
    List<Duration> retrySchedule();

    /** How long an endpoint may take to answer; then the attempt failed and is retried. */
    @WithDefault("15s")
    Duration timeout();

    /** An endpoint whose deliveries have all failed for this long is disabled and its merchant told. */
    @WithDefault("120h")
    Duration disableAfter();

    /** Deliveries in flight to one endpoint at most, so that one slow endpoint holds few resources. */
    @WithDefault("4")
    int perEndpointConcurrency();

    /** Deliveries in flight per replica at most. */
    @WithDefault("128")
    int maxInFlight();

    /** How often due retries are looked for; new events wake the dispatcher at once. */
    @WithDefault("1s")
    Duration sweepInterval();

    /**
     * Whether endpoints may be on loopback, private or link-local addresses: only in a local development
     * deployment (the local suite and the tests), never where a URL could reach the platform's own network.
     */
    @WithDefault("false")
    boolean allowPrivateAddresses();

    /** Off: deliveries are owed and stay pending (for tests that look at them before they go). */
    @WithName("dispatcher.enabled")
    @WithDefault("true")
    boolean dispatcherEnabled();
}

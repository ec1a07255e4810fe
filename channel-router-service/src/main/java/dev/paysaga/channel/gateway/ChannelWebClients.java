package dev.paysaga.channel.gateway;

import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;
import java.time.Duration;

/** The HTTP client every channel adapter calls its gateway with: bounded pool, no redirects, timeouts from configuration. */
public final class ChannelWebClients {
    private static final int MAX_POOL_SIZE = 32;

    private ChannelWebClients() {
    }

    public static WebClient create(Vertx vertx, Duration connectTimeout, Duration requestTimeout) {
        return WebClient.create(vertx, new WebClientOptions()
                .setConnectTimeout((int) connectTimeout.toMillis())
                .setIdleTimeout((int) requestTimeout.toSeconds() + 1)
                .setMaxPoolSize(MAX_POOL_SIZE)
                // A gateway never redirects; following one would send a signed request elsewhere.
                .setFollowRedirects(false));
    }
}

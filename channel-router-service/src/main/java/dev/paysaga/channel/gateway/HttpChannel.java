package dev.paysaga.channel.gateway;

import dev.paysaga.channel.domain.PaymentChannel;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.function.Predicate;

/**
 * What every channel spoken over HTTP shares: its name (also the API method that names it), the
 * currencies it settles, and one web client (bounded pool, timeouts from configuration) closed with
 * the bean. Adapters built on it are {@code @Singleton}: a client proxy would need a no-args
 * constructor this class does not have.
 */
public abstract class HttpChannel implements PaymentChannel {
    protected final WebClient client;
    protected final long requestTimeoutMillis;
    private final String name;
    private final Predicate<String> settles;

    protected HttpChannel(String name, Predicate<String> settles, Vertx vertx, Duration connectTimeout,
            Duration requestTimeout) {
        this.name = name;
        this.settles = settles;
        this.requestTimeoutMillis = requestTimeout.toMillis();
        this.client = ChannelWebClients.create(vertx, connectTimeout, requestTimeout);
    }

    @PreDestroy
    void closeClient() {
        client.close();
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public boolean accepts(String method) {
        return name.equals(method);
    }

    @Override
    public final boolean settles(String currency) {
        return settles.test(currency);
    }
}

package dev.paysaga.channel.domain;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.TypedGuard;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.util.TypeLiteral;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * One SmallRye Fault Tolerance circuit breaker per channel, around the create call only (queries and
 * closes must still reach a channel that is refusing new payments: they settle what exists there).
 * Counted as failures: {@link ChannelUnavailableException}, i.e. unreachable or unknown outcomes; a
 * decline is an answer, a success for the breaker. Rolling window of {@code request-volume-threshold}
 * calls; opens at {@code failure-ratio}; after {@code delay} it lets trial calls through (half-open)
 * and closes after {@code success-threshold} successes. Built programmatically because one annotated
 * method would share one breaker between all channels.
 */
@ApplicationScoped
public class ChannelBreakers {
    static final String STATE_GAUGE = "paysaga.channel.circuit.state";
    private static final Logger LOG = Logger.getLogger(ChannelBreakers.class);
    private static final TypeLiteral<Uni<PaymentChannel.CreateResult>> CREATE = new TypeLiteral<>() {
    };

    public record Settings(int requestVolumeThreshold, double failureRatio, Duration delay, int successThreshold) {
    }

    private final String namePrefix;
    private final Settings settings;
    private final MeterRegistry metrics;
    private final Map<String, TypedGuard<Uni<PaymentChannel.CreateResult>>> guards = new ConcurrentHashMap<>();

    @Inject
    ChannelBreakers(RoutingConfig config, MeterRegistry metrics) {
        this("channel-", new Settings(config.breaker().requestVolumeThreshold(), config.breaker().failureRatio(),
                config.breaker().delay(), config.breaker().successThreshold()), metrics);
    }

    /** @param namePrefix breaker names are prefix + channel, unique in the application */
    public ChannelBreakers(String namePrefix, Settings settings, MeterRegistry metrics) {
        this.namePrefix = namePrefix;
        this.settings = settings;
        this.metrics = metrics;
    }

    /** The channel's create through its breaker; fails with {@code CircuitBreakerOpenException} without calling when open. */
    public Uni<PaymentChannel.CreateResult> create(String channel, Supplier<Uni<PaymentChannel.CreateResult>> call) {
        return guard(channel).get(call);
    }

    public CircuitBreakerState state(String channel) {
        // A breaker that was never built has never seen a call: closed.
        return guards.containsKey(channel) ? CircuitBreakerMaintenance.get().currentState(breakerName(channel))
                : CircuitBreakerState.CLOSED;
    }

    /** Closes the channel's breaker and forgets its window (operations, tests). */
    public void reset(String channel) {
        if (guards.containsKey(channel)) {
            CircuitBreakerMaintenance.get().reset(breakerName(channel));
        }
    }

    /** The SmallRye name of the channel's breaker (for {@code CircuitBreakerMaintenance}). */
    public String breakerName(String channel) {
        return namePrefix + channel;
    }

    private TypedGuard<Uni<PaymentChannel.CreateResult>> guard(String channel) {
        return guards.computeIfAbsent(channel, this::build);
    }

    /** Every channel's state is on /q/metrics from startup (closed), not only once it has been called. */
    void gauges(@Observes StartupEvent event, Instance<PaymentChannel> channels) {
        channels.forEach(channel -> gauge(channel.name()));
    }

    private void gauge(String channel) {
        metrics.gauge(STATE_GAUGE, Tags.of("channel", channel), this, breakers -> gaugeValue(breakers.state(channel)));
    }

    private TypedGuard<Uni<PaymentChannel.CreateResult>> build(String channel) {
        gauge(channel);
        return TypedGuard.create(CREATE)
                .withDescription("create at " + channel)
                .withCircuitBreaker()
                .name(breakerName(channel))
                .requestVolumeThreshold(settings.requestVolumeThreshold())
                .failureRatio(settings.failureRatio())
                .delay(settings.delay().toMillis(), ChronoUnit.MILLIS)
                .successThreshold(settings.successThreshold())
                .when(failure -> failure instanceof ChannelUnavailableException)
                .onStateChange(state -> LOG.warnf("circuit breaker %s is now %s", breakerName(channel), state))
                .done()
                .build();
    }

    /** 0 closed, 1 half-open, 2 open: higher is worse, so an alert is a threshold. */
    private static double gaugeValue(CircuitBreakerState state) {
        return switch (state) {
            case CLOSED -> 0;
            case HALF_OPEN -> 1;
            case OPEN -> 2;
        };
    }
}

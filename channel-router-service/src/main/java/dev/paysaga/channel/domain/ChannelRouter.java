package dev.paysaga.channel.domain;

import dev.paysaga.runtime.api.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Chooses the channel for a payment and says why. Today a method names exactly one channel
 * (alipay → Alipay); rules, weights, success rates and failover slot in here as channels arrive,
 * each decision still recorded with its reason.
 */
@ApplicationScoped
public class ChannelRouter {
    private final List<PaymentChannel> channels;

    ChannelRouter(Instance<PaymentChannel> channels) {
        this.channels = channels.stream().sorted(Comparator.comparing(PaymentChannel::name)).toList();
    }

    public record Route(PaymentChannel channel, String reason) {
    }

    /** The channel for this method and currency, or a refusal naming the parameter at fault. */
    public Route route(String method, String currency) {
        List<PaymentChannel> accepting = channels.stream().filter(c -> c.accepts(method)).toList();
        if (accepting.isEmpty()) {
            throw ApiException.invalidRequest("method", "No channel takes method " + method);
        }
        List<PaymentChannel> eligible = accepting.stream().filter(c -> c.settles(currency)).toList();
        if (eligible.isEmpty()) {
            throw new ApiException(400, "currency_unsupported",
                    "Method " + method + " does not take " + currency, "currency");
        }
        PaymentChannel chosen = eligible.get(0);
        String reason = eligible.size() == 1
                ? "method " + method + " in " + currency + ": " + chosen.name() + " is the only eligible channel"
                : "method " + method + " in " + currency + ": first of " + eligible.size() + " eligible channels";
        return new Route(chosen, reason);
    }

    public Optional<PaymentChannel> byName(String name) {
        return channels.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    public PaymentChannel require(String name) {
        return byName(name).orElseThrow(() -> new IllegalStateException("no adapter for channel " + name));
    }
}

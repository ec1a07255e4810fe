package dev.paysaga.channel.stripe;

import dev.paysaga.channel.crypto.ChannelKeyFiles;
import dev.paysaga.channel.domain.Masked;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The account's secret API key (sent as a Bearer token) and the webhook endpoint's signing secret (verifies
 * {@code Stripe-Signature}), as text files in the keys directory: {@code stripe-secret.key},
 * {@code stripe-webhook.secret}. Never in code or configuration values; both come back {@link Masked}.
 */
@ApplicationScoped
public class StripeKeys {
    static final String SECRET_KEY = "stripe-secret.key";
    static final String WEBHOOK_SECRET = "stripe-webhook.secret";

    private final ChannelKeyFiles files;

    StripeKeys(ChannelKeyFiles files) {
        this.files = files;
    }

    public Masked<String> secretKey() {
        return files.secret(SECRET_KEY);
    }

    public Masked<String> webhookSecret() {
        return files.secret(WEBHOOK_SECRET);
    }
}

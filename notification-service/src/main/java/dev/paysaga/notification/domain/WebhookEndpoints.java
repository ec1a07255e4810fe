package dev.paysaga.notification.domain;

import dev.paysaga.notification.domain.WebhookEndpoint.Status;
import dev.paysaga.runtime.api.ApiException;
import dev.paysaga.runtime.ids.Ids;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Merchants' webhook endpoints and their signing secrets. Every method runs in the caller's transaction.
 *
 * <p>A secret is shown once, when made. Rotating makes a new one and lets the old one sign for an overlap,
 * so a merchant can deploy the new secret while deliveries keep verifying with the old.
 */
@ApplicationScoped
public class WebhookEndpoints {
    public static final Duration MAX_OVERLAP = Duration.ofDays(7);
    private static final String ADD_SECRET = """
            insert into webhook_secret (endpoint_id, version, secret)
            select ?1, coalesce(max(version), 0) + 1, ?2 from webhook_secret where endpoint_id = ?1""";
    // The current secret (and any still overlapping) expires at the end of the overlap, never later than set.
    private static final String EXPIRE_SECRETS = """
            update webhook_secret set expires_at = least(coalesce(expires_at, 'infinity'), now() + make_interval(secs => ?2))
             where endpoint_id = ?1""";
    private static final String CANCEL_PENDING = """
            update webhook_delivery set status = 'cancelled', finished_at = now()
             where endpoint_id = ?1 and status = 'pending'""";

    private final WebhookFanOut fanOut;

    WebhookEndpoints(WebhookFanOut fanOut) {
        this.fanOut = fanOut;
    }

    /** An endpoint and the secret it was just given. */
    public record WithSecret(WebhookEndpoint endpoint, String secret) {
    }

    public Uni<WithSecret> create(String merchantId, String url, List<String> enabledEvents, String description) {
        WebhookEndpoint endpoint = new WebhookEndpoint();
        endpoint.id = Ids.next("we");
        endpoint.merchantId = merchantId;
        endpoint.url = url;
        endpoint.description = description;
        endpoint.enabledEvents = enabledEvents.toArray(String[]::new);
        endpoint.status = Status.ENABLED.value();
        endpoint.createdAt = Instant.now();
        endpoint.updatedAt = endpoint.createdAt;
        String secret = WebhookSecret.generate();
        return endpoint.<WebhookEndpoint>persistAndFlush()
                .chain(() -> addSecret(endpoint.id, secret))
                .replaceWith(new WithSecret(endpoint, secret));
    }

    /** A new secret; the ones before it sign for {@code overlap} more (zero: stop at once). */
    public Uni<WithSecret> rotateSecret(WebhookEndpoint endpoint, Duration overlap) {
        if (overlap.isNegative() || overlap.compareTo(MAX_OVERLAP) > 0) {
            throw ApiException.invalidRequest("expire_in_seconds", "expire_in_seconds must be 0 to " + MAX_OVERLAP.toSeconds());
        }
        String secret = WebhookSecret.generate();
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(EXPIRE_SECRETS)
                        .setParameter(1, endpoint.id)
                        .setParameter(2, (double) overlap.toSeconds())
                        .executeUpdate())
                .chain(() -> addSecret(endpoint.id, secret))
                .replaceWith(new WithSecret(endpoint, secret));
    }

    /**
     * Changes what the endpoint receives; {@code enabled} again after it was disabled (by the merchant, a
     * 410 or days of failures) it receives new events, and those it missed can be recovered.
     */
    public Uni<WebhookEndpoint> update(WebhookEndpoint endpoint, String url, List<String> enabledEvents,
            String description, Status status) {
        if (url != null) {
            endpoint.url = url;
        }
        if (enabledEvents != null) {
            endpoint.enabledEvents = enabledEvents.toArray(String[]::new);
        }
        if (description != null) {
            endpoint.description = description;
        }
        Uni<Integer> cancelled = Uni.createFrom().item(0);
        if (status == Status.ENABLED && !endpoint.is(Status.ENABLED)) {
            endpoint.status = Status.ENABLED.value();
            endpoint.disabledReason = null;
            endpoint.failingSince = null;
        } else if (status == Status.DISABLED && endpoint.is(Status.ENABLED)) {
            endpoint.status = Status.DISABLED.value();
            endpoint.disabledReason = "disabled by the merchant";
            cancelled = cancelPending(endpoint.id);
        }
        endpoint.updatedAt = Instant.now();
        return cancelled.replaceWith(endpoint);
    }

    /** Deleted: listed no more, given nothing more; its deliveries' history stays. */
    public Uni<WebhookEndpoint> delete(WebhookEndpoint endpoint) {
        endpoint.status = Status.DELETED.value();
        endpoint.updatedAt = Instant.now();
        return cancelPending(endpoint.id).replaceWith(endpoint);
    }

    /**
     * PaySaga stops delivering to the endpoint (410, or failing for days): what it was owed is cancelled,
     * and the merchant is told by a {@code webhook_endpoint.disabled} event. Once only, however many
     * failures race to it.
     */
    public Uni<Void> disable(String endpointId, String reason) {
        return WebhookEndpoint.<WebhookEndpoint>findById(endpointId, LockModeType.PESSIMISTIC_WRITE).chain(endpoint -> {
            if (endpoint == null || !endpoint.is(Status.ENABLED)) {
                return Uni.createFrom().voidItem();
            }
            endpoint.status = Status.DISABLED.value();
            endpoint.disabledReason = reason;
            endpoint.updatedAt = Instant.now();
            return cancelPending(endpointId).chain(() -> fanOut.endpointDisabled(endpoint));
        });
    }

    Uni<Integer> cancelPending(String endpointId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(CANCEL_PENDING)
                .setParameter(1, endpointId)
                .executeUpdate());
    }

    private static Uni<Integer> addSecret(String endpointId, String secret) {
        return Panache.getSession().chain(session -> session.createNativeQuery(ADD_SECRET)
                .setParameter(1, endpointId)
                .setParameter(2, secret)
                .executeUpdate());
    }
}

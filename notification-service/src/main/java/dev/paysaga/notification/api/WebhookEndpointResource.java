package dev.paysaga.notification.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.paysaga.notification.domain.EndpointUrlPolicy;
import dev.paysaga.notification.domain.WebhookEndpoint;
import dev.paysaga.notification.domain.WebhookEndpoint.Status;
import dev.paysaga.notification.domain.WebhookEndpoints;
import dev.paysaga.notification.domain.WebhookEventTypes;
import dev.paysaga.notification.domain.WebhookFanOut;
import dev.paysaga.runtime.api.ApiException;
import dev.paysaga.runtime.api.IdempotentRequests;
import dev.paysaga.runtime.api.PageCursor;
import dev.paysaga.runtime.api.PageLimit;
import dev.paysaga.runtime.api.RequestBodies;
import dev.paysaga.runtime.auth.Caller;
import dev.paysaga.runtime.auth.CurrentCaller;
import dev.paysaga.runtime.auth.RequiresScope;
import dev.paysaga.runtime.auth.Scopes;
import dev.paysaga.runtime.ids.Ids;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestHeader;

/**
 * A merchant's webhook endpoints: where its payment and refund events are delivered, signed per the
 * Standard Webhooks spec. The signing secret is in the answer only when it is made (create, rotate).
 * Another merchant's endpoint, or a deleted one, is not found.
 */
@Path("/v1/webhook_endpoints")
public class WebhookEndpointResource {
    private static final int MAX_DESCRIPTION = 500;
    private static final Duration DEFAULT_OVERLAP = Duration.ofHours(24);

    private final WebhookEndpoints endpoints;
    private final WebhookFanOut fanOut;
    private final EndpointUrlPolicy urls;
    private final IdempotentRequests idempotency;
    private final CurrentCaller current;
    private final RequestBodies bodies;

    WebhookEndpointResource(WebhookEndpoints endpoints, WebhookFanOut fanOut, EndpointUrlPolicy urls,
            IdempotentRequests idempotency, CurrentCaller current, RequestBodies bodies) {
        this.bodies = bodies;
        this.endpoints = endpoints;
        this.fanOut = fanOut;
        this.urls = urls;
        this.idempotency = idempotency;
        this.current = current;
    }

    public record CreateBody(String url, List<String> enabledEvents, String description, String merchantId) {
    }

    /** Fields left out stay as they are; {@code status} is {@code enabled} or {@code disabled}. */
    public record UpdateBody(String url, List<String> enabledEvents, String description, String status) {
    }

    public record RotateBody(Long expireInSeconds) {
    }

    public record RecoverBody(String since) {
    }

    public record EndpointView(String id, String merchantId, String url, List<String> enabledEvents, String description,
            String status, String disabledReason, Instant createdAt, Instant updatedAt,
            @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "Shown once: when the endpoint is created and when its secret is rotated")
            String secret) {
        static EndpointView of(WebhookEndpoint e, String secret) {
            return new EndpointView(e.id, e.merchantId, e.url, Arrays.asList(e.enabledEvents), e.description, e.status,
                    e.disabledReason, e.createdAt, e.updatedAt, secret);
        }

        static EndpointView of(WebhookEndpoint e) {
            return of(e, null);
        }
    }

    public record EndpointPage(List<EndpointView> data, boolean hasMore) {
    }

    public record Recovery(int deliveries) {
    }

    @POST
    @RequiresScope(Scopes.WEBHOOKS_WRITE)
    @APIResponse(responseCode = "201", description = "The endpoint, with its signing secret (shown this once)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EndpointView.class)))
    public Uni<Response> create(@RestHeader(IdempotentRequests.HEADER) String key, CreateBody body) {
        if (body == null) {
            throw ApiException.invalidRequest(null, "A JSON body is required");
        }
        String merchant = current.get().merchantFor(body.merchantId());
        List<String> events = WebhookEventTypes.parse(body.enabledEvents());
        String description = description(body.description());
        return urls.check(body.url()).chain(url -> idempotency.run(key, "POST", "/v1/webhook_endpoints", body,
                () -> Panache.withTransaction(() -> endpoints.create(merchant, url.toString(), events, description))
                        .map(made -> Response.status(201).entity(EndpointView.of(made.endpoint(), made.secret())).build())));
    }

    @GET
    @RequiresScope(Scopes.WEBHOOKS_READ)
    @WithSession
    public Uni<EndpointPage> list(@QueryParam("starting_after") String startingAfter, @QueryParam("limit") String limit) {
        Caller caller = current.get();
        int size = PageLimit.parse(limit);
        String after = PageCursor.after(startingAfter, "we");
        StringBuilder query = new StringBuilder("id > :after and status <> 'deleted'");
        Parameters params = Parameters.with("after", after);
        if (caller.listedMerchant() != null) {
            query.append(" and merchantId = :merchant");
            params.and("merchant", caller.listedMerchant());
        }
        return WebhookEndpoint.<WebhookEndpoint>find(query + " order by id", params).range(0, size).list()
                .map(page -> new EndpointPage(page.stream().limit(size).map(EndpointView::of).toList(), page.size() > size));
    }

    @GET
    @Path("{id}")
    @RequiresScope(Scopes.WEBHOOKS_READ)
    @WithSession
    public Uni<EndpointView> get(@PathParam("id") String id) {
        return find(id).map(EndpointView::of);
    }

    @POST
    @Path("{id}")
    @RequiresScope(Scopes.WEBHOOKS_WRITE)
    public Uni<EndpointView> update(@PathParam("id") String id, UpdateBody body) {
        if (body == null) {
            throw ApiException.invalidRequest(null, "A JSON body is required");
        }
        List<String> events = body.enabledEvents() == null ? null : WebhookEventTypes.parse(body.enabledEvents());
        Status status = status(body.status());
        String description = description(body.description());
        Uni<String> url = body.url() == null ? Uni.createFrom().nullItem() : urls.check(body.url()).map(Object::toString);
        return url.chain(checked -> Panache.withTransaction(() -> find(id)
                .chain(endpoint -> endpoints.update(endpoint, checked, events, description, status))
                .map(EndpointView::of)));
    }

    @DELETE
    @Path("{id}")
    @RequiresScope(Scopes.WEBHOOKS_WRITE)
    public Uni<EndpointView> delete(@PathParam("id") String id) {
        return Panache.withTransaction(() -> find(id).chain(endpoints::delete).map(EndpointView::of));
    }

    /**
     * A new secret; the old one keeps signing for {@code expire_in_seconds} (default a day, at most a week).
     * The body is optional, so a bare {@code POST} (no content type) rotates with the default overlap.
     */
    @POST
    @Path("{id}/rotate_secret")
    @RequiresScope(Scopes.WEBHOOKS_WRITE)
    @Consumes(MediaType.WILDCARD)
    @RequestBody(required = false, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RotateBody.class)))
    public Uni<EndpointView> rotateSecret(@PathParam("id") String id, byte[] raw) {
        RotateBody body = optionalBody(raw, RotateBody.class);
        Duration overlap = body == null || body.expireInSeconds() == null ? DEFAULT_OVERLAP
                : Duration.ofSeconds(body.expireInSeconds());
        return Panache.withTransaction(() -> find(id)
                .chain(endpoint -> endpoints.rotateSecret(endpoint, overlap))
                .map(rotated -> EndpointView.of(rotated.endpoint(), rotated.secret())));
    }

    /** Delivers again every event since {@code since} the endpoint has not received (failed, cancelled, or missed while disabled). */
    @POST
    @Path("{id}/recover")
    @RequiresScope(Scopes.WEBHOOKS_WRITE)
    public Uni<Recovery> recover(@PathParam("id") String id, RecoverBody body) {
        Instant since = since(body);
        return Panache.withTransaction(() -> find(id).chain(endpoint -> {
            if (!endpoint.is(Status.ENABLED)) {
                throw ApiException.invalidStateTransition("Enable the endpoint before recovering its events");
            }
            return fanOut.recover(endpoint, since);
        })).map(Recovery::new);
    }

    private Uni<WebhookEndpoint> find(String id) {
        Caller caller = current.get();
        return WebhookEndpoint.<WebhookEndpoint>findById(id)
                .map(e -> e != null && !e.is(Status.DELETED) && caller.sees(e.merchantId) ? e : null)
                .onItem().ifNull().failWith(() -> ApiException.notFound("webhook endpoint", id));
    }

    private <T> T optionalBody(byte[] raw, Class<T> type) {
        if (raw == null || raw.length == 0) {
            return null;
        }
        return bodies.read(raw, type);
    }

    private static Status status(String value) {
        if (value == null) {
            return null;
        }
        return switch (value) {
            case "enabled" -> Status.ENABLED;
            case "disabled" -> Status.DISABLED;
            default -> throw ApiException.invalidRequest("status", "status must be enabled or disabled");
        };
    }

    private static String description(String description) {
        if (description != null && description.length() > MAX_DESCRIPTION) {
            throw ApiException.invalidRequest("description", "description is at most " + MAX_DESCRIPTION + " characters");
        }
        return description;
    }

    private static Instant since(RecoverBody body) {
        if (body == null || body.since() == null) {
            throw ApiException.invalidRequest("since", "since is required: an RFC 3339 time");
        }
        Instant since;
        try {
            since = java.time.OffsetDateTime.parse(body.since()).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.invalidRequest("since", "since must be an RFC 3339 time, e.g. 2026-12-04T10:00:00Z");
        }
        if (since.isBefore(Instant.now().minus(Duration.ofDays(30))) || since.isAfter(Instant.now())) {
            throw ApiException.invalidRequest("since", "since must lie within the last 30 days");
        }
        return since;
    }

    private static String validId(String id, String param) {
        if (!Ids.isValid("we", id)) {
            throw ApiException.invalidRequest(param, param + " must be a webhook endpoint id (we_…)");
        }
        return id;
    }
}

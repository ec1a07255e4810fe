package dev.paysaga.payment.api;

import dev.paysaga.payment.domain.Merchant;
import dev.paysaga.payment.domain.MerchantKey;
import dev.paysaga.payment.domain.MerchantKeys;
import dev.paysaga.runtime.api.ApiException;
import dev.paysaga.runtime.auth.ApiKeys;
import dev.paysaga.runtime.auth.Caller;
import dev.paysaga.runtime.auth.CurrentCaller;
import dev.paysaga.runtime.auth.RequiresScope;
import dev.paysaga.runtime.auth.Scopes;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * A merchant's API keys. Issuing, rolling and revoking are platform operations; a merchant key with
 * {@code keys:read} lists its own merchant's keys (redacted). A new key's secret is in the creation
 * answer only: it is stored nowhere, not even for Idempotency-Key replays, so a retried creation makes
 * a second key (revoke the one not used).
 */
@Path("/v1/merchants/{merchant_id}/api_keys")
public class ApiKeyResource {
    private static final Duration DEFAULT_OVERLAP = Duration.ofHours(24);
    private final MerchantKeys keys;
    private final CurrentCaller current;

    ApiKeyResource(MerchantKeys keys, CurrentCaller current) {
        this.keys = keys;
        this.current = current;
    }

    /** @param type {@code secret} or {@code restricted}; @param mode {@code test} or {@code live} */
    public record CreateKey(String type, String mode, List<String> scopes) {
    }

    /** @param expiresIn seconds the old key keeps working (default a day, at most a week) */
    public record RollKey(Long expiresIn) {
    }

    /** @param secret the whole key: only in the answer that created it */
    public record KeyView(String id, String merchantId, String type, String mode, List<String> scopes,
            String redacted, String secret, String createdBy, Instant createdAt, Instant expiresAt,
            Instant revokedAt) {
        static KeyView of(MerchantKey k, String secret) {
            return new KeyView(k.id, k.merchantId, k.kind, k.mode, k.scopeList(), k.redacted(), secret, k.createdBy,
                    k.createdAt, k.expiresAt, k.revokedAt);
        }
    }

    public record KeyList(List<KeyView> data) {
    }

    @POST
    @APIResponse(responseCode = "201", description = "The key and its secret (shown once)", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = KeyView.class)))
    public Uni<Response> create(@PathParam("merchant_id") String merchantId, CreateKey request) {
        if (request == null) {
            throw ApiException.invalidRequest(null, "A JSON body is required");
        }
        ApiKeys.Kind kind = switch (request.type() == null ? "" : request.type()) {
            case "secret" -> ApiKeys.Kind.SECRET;
            case "restricted" -> ApiKeys.Kind.RESTRICTED;
            default -> throw ApiException.invalidRequest("type", "type must be secret or restricted");
        };
        if (!"test".equals(request.mode()) && !"live".equals(request.mode())) {
            throw ApiException.invalidRequest("mode", "mode must be test or live");
        }
        String by = current.get().credentialId();
        return keys.issue(merchantId, kind, request.mode(), request.scopes(), by).map(ApiKeyResource::created);
    }

    @GET
    @WithSession
    @RequiresScope(Scopes.KEYS_READ)
    public Uni<KeyList> list(@PathParam("merchant_id") String merchantId) {
        Caller caller = current.get();
        if (!caller.sees(merchantId)) {
            throw ApiException.notFound("merchant", merchantId);
        }
        // A merchant that does not exist is a 404 (as for its other operations), not an empty list.
        return Merchant.<Merchant>findById(merchantId)
                .onItem().ifNull().failWith(() -> ApiException.notFound("merchant", merchantId))
                .chain(merchant -> MerchantKey.<MerchantKey>find("merchantId", Sort.by("id"), merchantId).list())
                .map(list -> new KeyList(list.stream().map(k -> KeyView.of(k, null)).toList()));
    }

    @POST
    @Path("{key_id}/roll")
    @APIResponse(responseCode = "201", description = "The new key and its secret (shown once)", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = KeyView.class)))
    public Uni<Response> roll(@PathParam("merchant_id") String merchantId, @PathParam("key_id") String keyId,
            RollKey request) {
        Duration overlap = request == null || request.expiresIn() == null ? DEFAULT_OVERLAP
                : Duration.ofSeconds(request.expiresIn());
        return keys.roll(merchantId, keyId, overlap, current.get().credentialId()).map(ApiKeyResource::created);
    }

    @POST
    @Path("{key_id}/revoke")
    public Uni<KeyView> revoke(@PathParam("merchant_id") String merchantId, @PathParam("key_id") String keyId) {
        return keys.revoke(merchantId, keyId).map(k -> KeyView.of(k, null));
    }

    private static Response created(MerchantKeys.Issued issued) {
        return Response.status(Response.Status.CREATED).entity(KeyView.of(issued.key(), issued.secret())).build();
    }
}

package dev.paysaga.payment.api;

import dev.paysaga.payment.domain.Merchant;
import dev.paysaga.runtime.api.ApiException;
import dev.paysaga.runtime.api.ClientIds;
import dev.paysaga.runtime.api.PageLimit;
import dev.paysaga.runtime.ids.Ids;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** Merchants: platform operations (no merchant key may create or list them). */
@Path("/v1/merchants")
public class MerchantResource {
    private static final Pattern ID = Pattern.compile("mer_[a-z0-9_]{1,60}");
    private static final int MAX_NAME_LENGTH = 200;

    public record CreateMerchant(String id, String name) {
    }

    public record MerchantView(String id, String name, Instant createdAt) {
        static MerchantView of(Merchant m) {
            return new MerchantView(m.id, m.name, m.createdAt);
        }
    }

    public record MerchantList(List<MerchantView> data, boolean hasMore) {
    }

    @POST
    @APIResponse(responseCode = "201", description = "The merchant, created", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MerchantView.class)))
    public Uni<Response> create(CreateMerchant request) {
        if (request == null || request.name() == null || request.name().isBlank()
                || request.name().length() > MAX_NAME_LENGTH) {
            throw ApiException.invalidRequest("name", "name is required (at most " + MAX_NAME_LENGTH + " characters)");
        }
        if (request.id() != null && !ID.matcher(request.id()).matches()) {
            throw ApiException.invalidRequest("id", "id must match " + ID.pattern());
        }
        Merchant merchant = new Merchant();
        merchant.id = request.id() != null ? request.id() : Ids.next("mer");
        merchant.name = request.name().strip();
        merchant.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return Panache.withTransaction(() -> Merchant.<Merchant>findById(merchant.id).chain(existing -> {
            if (existing != null) {
                throw new ApiException(409, "resource_exists", "A merchant with id " + merchant.id + " exists", "id");
            }
            return merchant.<Merchant>persist();
        })).map(m -> Response.status(Response.Status.CREATED).entity(MerchantView.of(m)).build());
    }

    @GET
    @Path("{id}")
    @WithSession
    public Uni<MerchantView> get(@PathParam("id") String id) {
        return Merchant.<Merchant>findById(id)
                .onItem().ifNull().failWith(() -> ApiException.notFound("merchant", id))
                .map(MerchantView::of);
    }

    @GET
    @WithSession
    public Uni<MerchantList> list(@QueryParam("starting_after") String startingAfter, @QueryParam("limit") String limit) {
        int pageSize = PageLimit.parse(limit);
        if (startingAfter != null) {
            ClientIds.requireId(startingAfter, "starting_after"); // merchant ids are the platform's choice, not generated
        }
        var query = startingAfter == null
                ? Merchant.<Merchant>findAll(Sort.by("id"))
                : Merchant.<Merchant>find("id > ?1", Sort.by("id"), startingAfter);
        // One more than the page: whether it exists is has_more.
        return query.range(0, pageSize).list().map(rows -> new MerchantList(
                rows.stream().limit(pageSize).map(MerchantView::of).toList(), rows.size() > pageSize));
    }
}

package dev.paysaga.ledger.api;

import dev.paysaga.ledger.domain.Origin;
import dev.paysaga.ledger.domain.PostingPlan.Applied;
import dev.paysaga.ledger.domain.TransferRequest;
import dev.paysaga.ledger.persistence.LedgerStore;
import dev.paysaga.ledger.persistence.Postings;
import dev.paysaga.runtime.api.ApiException;
import dev.paysaga.runtime.api.IdempotentRequests;
import dev.paysaga.runtime.auth.CurrentCaller;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestHeader;

/**
 * Transfers: single-phase, pending (with an optional timeout), and the post or void of a pending
 * one. The transfer id is the client's and makes a retry safe: the same id with the same values
 * answers the existing transfer (200), with other values {@code exists_with_different_<field>} (409).
 * Every operation here is the platform's (no scope: a merchant key gets 403): money moves outside a
 * saga only when an operator moves it, and each transfer records the credential that asked for it.
 * Reading a transfer is the platform's too; a merchant reads its settlement account's journal.
 */
@Path("/v1/transfers")
public class TransferResource {
    private final Postings postings;
    private final LedgerStore store;
    private final IdempotentRequests idempotency;
    private final CurrentCaller current;

    TransferResource(Postings postings, LedgerStore store, IdempotentRequests idempotency, CurrentCaller current) {
        this.postings = postings;
        this.store = store;
        this.idempotency = idempotency;
        this.current = current;
    }

    public record BatchBody(List<TransferBody> transfers) {
    }

    public record TransferList(List<TransferView> data) {
    }

    @POST
    @APIResponse(responseCode = "201", description = "The transfer, applied", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TransferView.class)))
    @APIResponse(responseCode = "200", description = "The same transfer, applied before (a retry)", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TransferView.class)))
    public Uni<Response> create(@RestHeader(IdempotentRequests.HEADER) String key, TransferBody body) {
        if (body == null) {
            throw ApiException.invalidRequest(null, "A JSON body is required");
        }
        var request = body.toRequest("").from(origin());
        return idempotency.run(key, "POST", "/v1/transfers", body,
                () -> Panache.withTransaction(() -> postings.apply(request))
                        .map(applied -> Response.status(applied.created() ? 201 : 200)
                                .entity(TransferView.of(applied.transfer())).build()));
    }

    /** A linked batch: applied in order in one transaction, all or nothing. */
    @POST
    @Path("batch")
    @APIResponse(responseCode = "201", description = "The transfers, applied", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TransferList.class)))
    @APIResponse(responseCode = "200", description = "The same transfers, applied before (a retry)", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TransferList.class)))
    public Uni<Response> batch(@RestHeader(IdempotentRequests.HEADER) String key, BatchBody body) {
        if (body == null || body.transfers() == null) {
            throw ApiException.invalidRequest("transfers", "A JSON body with a transfers list is required");
        }
        if (body.transfers().isEmpty() || body.transfers().size() > Postings.MAX_BATCH_SIZE) {
            throw ApiException.invalidRequest("transfers", "A batch holds 1 to " + Postings.MAX_BATCH_SIZE + " transfers");
        }
        Origin origin = origin();
        var requests = new ArrayList<TransferRequest>();
        for (int i = 0; i < body.transfers().size(); i++) {
            TransferBody transfer = body.transfers().get(i);
            if (transfer == null) {
                throw ApiException.invalidRequest("transfers[" + i + "]", "A transfer is required");
            }
            requests.add(transfer.toRequest("transfers[" + i + "].").from(origin));
        }
        return idempotency.run(key, "POST", "/v1/transfers/batch", body,
                () -> Panache.withTransaction(() -> postings.applyBatch(requests))
                        .map(applied -> Response.status(applied.stream().anyMatch(Applied::created) ? 201 : 200)
                                .entity(new TransferList(applied.stream().map(a -> TransferView.of(a.transfer())).toList()))
                                .build()));
    }

    @GET
    @Path("{id}")
    @WithSession
    public Uni<TransferView> get(@PathParam("id") String id) {
        return store.findTransfers(List.of(id)).map(found -> {
            if (found.isEmpty()) {
                throw ApiException.notFound("transfer", id);
            }
            return TransferView.of(found.get(0));
        });
    }

    private Origin origin() {
        return Origin.requestedBy(current.get().credentialId());
    }
}

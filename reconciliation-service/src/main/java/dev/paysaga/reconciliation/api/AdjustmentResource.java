package dev.paysaga.reconciliation.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.paysaga.reconciliation.domain.Adjustments;
import dev.paysaga.reconciliation.domain.ResolutionRecord;
import dev.paysaga.reconciliation.persistence.ResolutionStore;
import dev.paysaga.runtime.api.ApiException;
import dev.paysaga.runtime.auth.CurrentCaller;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * Ledger adjustments of reconciliation discrepancies, by two named operators (maker-checker). The shared platform
 * credential names nobody, so it can neither propose nor approve: 403 {@code operator_required}.
 */
@Path("/v1/reconciliation/adjustments")
public class AdjustmentResource {
    private static final java.util.regex.Pattern ACCOUNT = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final Adjustments adjustments;
    private final ResolutionStore store;
    private final CurrentCaller current;

    AdjustmentResource(Adjustments adjustments, ResolutionStore store, CurrentCaller current) {
        this.adjustments = adjustments;
        this.store = store;
        this.current = current;
    }

    /** @param item the run's item (its seq) the adjustment settles */
    public record Proposal(@JsonProperty("run_id") String runId, Integer item,
            @JsonProperty("debit_account_id") String debitAccountId, @JsonProperty("credit_account_id") String creditAccountId,
            Long amount, String currency, String reason) {
    }

    public record Decision(String reason) {
    }

    public record AuditView(String actor, String action, String detail, Instant at) {
    }

    /** @param status proposed, posted (its {@code transfer_id} in the ledger) or rejected */
    public record AdjustmentView(String id, String object, String status, String runId, int item, String channel,
            String paymentId, String debitAccountId, String creditAccountId, @JsonProperty("amount") long amountMinor,
            String currency, String reason, String proposedBy, String decidedBy, String transferId, Instant createdAt,
            List<AuditView> audit) {
        static AdjustmentView of(ResolutionRecord r, List<ResolutionRecord.Audit> trail) {
            return new AdjustmentView(r.id(), "reconciliation_adjustment", r.status(), r.runId(), r.itemSeq(), r.channel(),
                    r.paymentId(), r.debitAccountId(), r.creditAccountId(), r.amountMinor(), r.currency(), r.reason(),
                    r.proposedBy(), r.decidedBy(), r.transferId(), r.createdAt(),
                    trail.stream().map(a -> new AuditView(a.actor(), a.action(), a.detail(), a.at())).toList());
        }
    }

    @POST
    @APIResponse(responseCode = "201", description = "The adjustment, proposed", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AdjustmentView.class)))
    public Uni<Response> propose(Proposal body) {
        String operator = operator();
        if (body == null) {
            throw ApiException.invalidRequest(null, "A JSON body is required");
        }
        if (body.runId() == null) {
            throw ApiException.invalidRequest("run_id", "run_id names the run whose item this settles");
        }
        if (body.item() == null || body.item() < 1) {
            throw ApiException.invalidRequest("item", "item is the seq of the run's item this settles");
        }
        account(body.debitAccountId(), "debit_account_id");
        account(body.creditAccountId(), "credit_account_id");
        if (body.debitAccountId().equals(body.creditAccountId())) {
            throw ApiException.invalidRequest("credit_account_id", "debit and credit accounts must differ");
        }
        if (body.amount() == null || body.amount() < 1) {
            throw new ApiException(400, "amount_invalid", "amount must be a positive number of minor units", "amount");
        }
        if (body.currency() == null || !body.currency().matches("[A-Z]{3}")) {
            throw ApiException.invalidRequest("currency", "currency must be an ISO 4217 code in upper case");
        }
        if (body.reason() == null || body.reason().isBlank() || body.reason().length() > 500) {
            throw ApiException.invalidRequest("reason", "reason is required (at most 500 characters)");
        }
        var proposal = new Adjustments.Proposal(body.runId(), body.item(), body.debitAccountId(), body.creditAccountId(),
                body.amount(), body.currency(), body.reason().strip());
        return adjustments.propose(proposal, operator).chain(this::view)
                .map(view -> Response.status(201).entity(view).build());
    }

    @GET
    @Path("{id}")
    public Uni<AdjustmentView> get(@PathParam("id") String id) {
        return adjustments.find(id).chain(this::view);
    }

    /** Approved by a second named operator: the balanced transfer is posted to the ledger with that operator's credential. */
    @POST
    @Path("{id}/approve")
    public Uni<AdjustmentView> approve(@PathParam("id") String id, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return adjustments.approve(id, operator(), authorization).chain(this::view);
    }

    @POST
    @Path("{id}/reject")
    public Uni<AdjustmentView> reject(@PathParam("id") String id, Decision decision) {
        String why = decision == null || decision.reason() == null ? "rejected" : decision.reason().strip();
        return adjustments.reject(id, operator(), why).chain(this::view);
    }

    private Uni<AdjustmentView> view(ResolutionRecord adjustment) {
        return store.trail(adjustment.id()).map(trail -> AdjustmentView.of(adjustment, trail));
    }

    private String operator() {
        return current.get().operator().orElseThrow(() -> new ApiException(403, "operator_required",
                "Adjustments are proposed and approved by named operators with credentials of their own"));
    }

    private static void account(String id, String param) {
        if (id == null || !ACCOUNT.matcher(id).matches()) {
            throw ApiException.invalidRequest(param, param + " must be a ledger account id");
        }
    }
}

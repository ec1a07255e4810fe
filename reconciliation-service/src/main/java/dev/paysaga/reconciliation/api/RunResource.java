package dev.paysaga.reconciliation.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.paysaga.reconciliation.domain.DiscrepancyKind;
import dev.paysaga.reconciliation.domain.Item;
import dev.paysaga.reconciliation.domain.Run;
import dev.paysaga.reconciliation.domain.Runs;
import dev.paysaga.reconciliation.persistence.RunStore;
import dev.paysaga.runtime.api.ApiException;
import dev.paysaga.runtime.api.PageLimit;
import dev.paysaga.runtime.auth.CurrentCaller;
import dev.paysaga.runtime.ids.Ids;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * Reconciliation runs (platform operators only: no merchant key reaches them). A run is started and answered
 * {@code 202 running} at once; its report is read when it completed.
 */
@Path("/v1/reconciliation/runs")
public class RunResource {
    private final Runs runs;
    private final RunStore store;
    private final CurrentCaller current;

    RunResource(Runs runs, RunStore store, CurrentCaller current) {
        this.runs = runs;
        this.store = store;
        this.current = current;
    }

    public record RunRequest(String channel, String date) {
    }

    /**
     * @param totals  {@code statement}, {@code matched} and per kind in {@code unmatched}: a count and the amounts per
     *                currency (minor units); null until completed
     * @param changes against the day's previous run: {@code previous_run}, {@code new} and {@code gone} discrepancies
     *                (kind and subject, at most 100 each), {@code unchanged}
     */
    public record RunView(String id, String object, String channel, String date, int attempt, String status,
            String trigger, String requestedBy, String zone, JsonNode totals, JsonNode changes, String failure,
            Instant createdAt, Instant completedAt) {
        static RunView of(Run run) {
            return new RunView(run.id(), "reconciliation_run", run.channel(), run.businessDay().toString(), run.attempt(),
                    run.status(), run.trigger(), run.requestedBy(), run.zone(), run.totals(), run.changes(), run.failure(),
                    run.createdAt(), run.completedAt());
        }
    }

    /**
     * @param amount     the channel's amount where the channel has a line, else ours (minor units)
     * @param ours       our books' record, or null
     * @param theirs     the statement's line, or null
     * @param resolution what is done about it: settle, refund (automatic), review (an adjustment), wait (carried)
     */
    public record ItemView(int seq, String kind, String subject, String paymentId, String refundId,
            @JsonProperty("amount") long amountMinor, String currency, JsonNode ours, JsonNode theirs, String note,
            String resolution, String resolutionId, String resolutionStatus) {
        static ItemView of(Item item) {
            return new ItemView(item.seq(), item.kind().apiName(), item.subject(), item.paymentId(), item.refundId(),
                    item.amountMinor(), item.currency(), item.ours(), item.theirs(), item.note(), item.resolution(),
                    item.resolutionId(), item.resolutionStatus());
        }
    }

    public record ItemPage(List<ItemView> data, boolean hasMore) {
    }

    @POST
    @APIResponse(responseCode = "202", description = "The run, started", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RunView.class)))
    public Uni<Response> start(RunRequest request) {
        if (request == null) {
            throw ApiException.invalidRequest(null, "A JSON body with channel and date is required");
        }
        if (request.channel() == null || request.channel().isBlank()) {
            throw ApiException.invalidRequest("channel", "channel is required");
        }
        LocalDate day = day(request.date());
        String by = current.get().credentialId();
        return runs.start(request.channel(), day, Run.MANUAL, by)
                .map(run -> Response.accepted(RunView.of(run)).build());
    }

    @GET
    @Path("{id}")
    public Uni<RunView> get(@PathParam("id") String id) {
        return find(id).map(RunView::of);
    }

    /** The run's discrepancies in order, a page at a time; {@code kind} keeps one kind. */
    @GET
    @Path("{id}/items")
    public Uni<ItemPage> items(@PathParam("id") String id, @QueryParam("kind") String kind,
            @QueryParam("starting_after") String startingAfter, @QueryParam("limit") String limit) {
        DiscrepancyKind only = kind(kind);
        int after = cursor(startingAfter);
        int size = PageLimit.parse(limit);
        return find(id).chain(run -> store.items(run.id(), only, after, size + 1))
                .map(items -> new ItemPage(items.stream().limit(size).map(ItemView::of).toList(), items.size() > size));
    }

    /** Every discrepancy of the run as CSV, one line each, for a spreadsheet. */
    @GET
    @Path("{id}/items.csv")
    @Produces("text/csv")
    @APIResponse(responseCode = "200", description = "The run's discrepancies, one CSV line each",
            content = @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING,
                    description = "A header line (" + ItemsCsv.HEADER + "), then one line per discrepancy")))
    public Uni<Response> csv(@PathParam("id") String id, @QueryParam("kind") String kind) {
        DiscrepancyKind only = kind(kind);
        return find(id).chain(run -> store.items(run.id(), only, 0, Integer.MAX_VALUE)
                .map(items -> Response.ok(ItemsCsv.of(items), "text/csv; charset=utf-8")
                        .header("Content-Disposition", "attachment; filename=\"" + run.id() + ".csv\"").build()));
    }

    private Uni<Run> find(String id) {
        if (!Ids.isValid("rcr", id)) {
            throw ApiException.notFound("reconciliation run", id);
        }
        return store.find(id).onItem().ifNull().failWith(() -> ApiException.notFound("reconciliation run", id));
    }

    private static LocalDate day(String date) {
        if (date == null) {
            throw ApiException.invalidRequest("date", "date is required (yyyy-MM-dd, the channel's business day)");
        }
        try {
            return LocalDate.parse(date);
        } catch (DateTimeParseException e) {
            throw ApiException.invalidRequest("date", "date must be a calendar day (yyyy-MM-dd)");
        }
    }

    private static DiscrepancyKind kind(String kind) {
        if (kind == null) {
            return null;
        }
        DiscrepancyKind found = DiscrepancyKind.fromApiName(kind);
        if (found == null) {
            throw ApiException.invalidRequest("kind", "kind must be one of " + Arrays.stream(DiscrepancyKind.values())
                    .map(DiscrepancyKind::apiName).collect(Collectors.joining(", ")));
        }
        return found;
    }

    private static int cursor(String startingAfter) {
        if (startingAfter == null) {
            return 0;
        }
        try {
            int seq = Integer.parseInt(startingAfter);
            if (seq >= 0) {
                return seq;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.invalidRequest("starting_after", "starting_after must be an item's seq");
    }
}

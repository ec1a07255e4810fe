package dev.paysaga.saga.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.paysaga.runtime.api.ApiException;
import dev.paysaga.runtime.api.PageCursor;
import dev.paysaga.runtime.api.PageLimit;
import dev.paysaga.runtime.auth.Caller;
import dev.paysaga.runtime.auth.CurrentCaller;
import dev.paysaga.runtime.auth.RequiresScope;
import dev.paysaga.runtime.auth.Scopes;
import dev.paysaga.saga.domain.Phase;
import dev.paysaga.saga.domain.PhaseState;
import dev.paysaga.saga.domain.Saga;
import dev.paysaga.saga.domain.SagaDriver;
import dev.paysaga.saga.domain.SagaStatus;
import dev.paysaga.saga.persistence.SagaStore;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A saga's timeline (every step, its Try/Confirm/Cancel, attempts, times and last error), and lists
 * of sagas by status, e.g. those parked {@code needs_attention} for an operator. A merchant sees only
 * the sagas of its own payments and refunds; another merchant's saga is not found, as an unknown id.
 */
@Path("/v1/sagas")
@RequiresScope(Scopes.SAGAS_READ)
public class SagaResource {
    private static final Map<String, SagaStatus> STATUSES = Arrays.stream(SagaStatus.values())
            .collect(Collectors.toUnmodifiableMap(s -> s.name().toLowerCase(Locale.ROOT), s -> s));

    private final SagaDriver driver;
    private final SagaStore store;
    private final CurrentCaller current;

    SagaResource(SagaDriver driver, SagaStore store, CurrentCaller current) {
        this.driver = driver;
        this.store = store;
        this.current = current;
    }

    public record PhaseView(String status, int attempts, Instant at, String error) {
        static PhaseView of(PhaseState p) {
            Instant at = p.answeredAt != null ? p.answeredAt : p.sentAt;
            return new PhaseView(p.status.name().toLowerCase(Locale.ROOT), p.attempts, at, p.error);
        }
    }

    public record StepView(String step, String participant, @JsonProperty("try") PhaseView tryPhase, PhaseView confirm,
            PhaseView cancel) {
    }

    public record SagaView(String id, String type, String merchantId, String status, String failureReason,
            String failureCode, List<StepView> steps, Instant createdAt, Instant updatedAt) {
    }

    /** Stripe's list shape; {@code has_more} says whether a page follows the last item. */
    public record SagaPage(List<SagaView> data, boolean hasMore) {
    }

    /**
     * Sagas oldest first (id order, ids being time-ordered), optionally of one status; the next page
     * starts after the last id of this one. Oldest first is the order an operator works a queue of
     * parked sagas in. A saga parked after a client paged past its id shows up on its next walk from the start.
     */
    @GET
    public Uni<SagaPage> list(@QueryParam("status") String status, @QueryParam("limit") String limit,
            @QueryParam("starting_after") String startingAfter) {
        Caller caller = current.get();
        SagaStatus wanted = status(status);
        int size = PageLimit.parse(limit);
        String after = PageCursor.after(startingAfter, "sag");
        return Panache.withSession(() -> store.page(caller.listedMerchant(), wanted, after, size))
                .map(page -> new SagaPage(page.sagas().stream().map(this::view).toList(), page.hasMore()));
    }

    @GET
    @Path("{id}")
    public Uni<SagaView> get(@PathParam("id") String id) {
        Caller caller = current.get();
        return driver.find(id).map(saga -> saga != null && caller.sees(saga.merchantId) ? saga : null)
                .onItem().ifNull().failWith(() -> ApiException.notFound("saga", id)).map(this::view);
    }

    private static SagaStatus status(String status) {
        if (status == null) {
            return null;
        }
        SagaStatus known = STATUSES.get(status);
        if (known == null) {
            throw ApiException.invalidRequest("status", "status must be one of " + new TreeSet<>(STATUSES.keySet()));
        }
        return known;
    }

    SagaView view(Saga saga) {
        var definition = driver.definitionOf(saga);
        List<StepView> steps = saga.steps.stream().map(step -> new StepView(step.name,
                definition.step(step.name).orElseThrow().participant(),
                PhaseView.of(step.phases.get(Phase.TRY)), PhaseView.of(step.phases.get(Phase.CONFIRM)),
                PhaseView.of(step.phases.get(Phase.CANCEL)))).toList();
        return new SagaView(saga.id, saga.type, saga.merchantId, saga.status.name().toLowerCase(Locale.ROOT),
                saga.failureReason, saga.failureCode, steps, saga.createdAt, saga.updatedAt);
    }
}

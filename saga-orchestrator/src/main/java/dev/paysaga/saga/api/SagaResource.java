package dev.paysaga.saga.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.paysaga.runtime.api.ApiException;
import dev.paysaga.saga.domain.Phase;
import dev.paysaga.saga.domain.PhaseState;
import dev.paysaga.saga.domain.Saga;
import dev.paysaga.saga.domain.SagaDriver;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** A saga's timeline: every step, its Try/Confirm/Cancel, attempts, times and last error. */
@Path("/v1/sagas")
public class SagaResource {
    private final SagaDriver driver;

    SagaResource(SagaDriver driver) {
        this.driver = driver;
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

    public record SagaView(String id, String type, String status, String failureReason, String failureCode,
            List<StepView> steps, Instant createdAt, Instant updatedAt) {
    }

    @GET
    @Path("{id}")
    public Uni<SagaView> get(@PathParam("id") String id) {
        return driver.find(id).onItem().ifNull().failWith(() -> ApiException.notFound("saga", id)).map(this::view);
    }

    SagaView view(Saga saga) {
        var definition = driver.definitionOf(saga);
        List<StepView> steps = saga.steps.stream().map(step -> new StepView(step.name,
                definition.step(step.name).orElseThrow().participant(),
                PhaseView.of(step.phases.get(Phase.TRY)), PhaseView.of(step.phases.get(Phase.CONFIRM)),
                PhaseView.of(step.phases.get(Phase.CANCEL)))).toList();
        return new SagaView(saga.id, saga.type, saga.status.name().toLowerCase(Locale.ROOT), saga.failureReason,
                saga.failureCode, steps, saga.createdAt, saga.updatedAt);
    }
}

package dev.paysaga.payment.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paysaga.contracts.RiskAlert;
import dev.paysaga.payment.risk.RiskAlertRow;
import dev.paysaga.payment.risk.RiskDecision;
import dev.paysaga.payment.risk.RiskDecisionRow;
import dev.paysaga.payment.risk.RiskRule;
import dev.paysaga.payment.risk.RuleSet;
import dev.paysaga.payment.risk.RuleSets;
import dev.paysaga.payment.risk.RuleValidator;
import dev.paysaga.runtime.api.ApiException;
import dev.paysaga.runtime.api.PageCursor;
import dev.paysaga.runtime.api.PageLimit;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The risk rules, their decisions and alerts (docs/risk.md): platform operations, as no annotation grants
 * a merchant scope. A PUT replaces the whole rule set with its next version.
 */
@Path("/v1/risk")
public class RiskResource {
    private final RuleSets ruleSets;

    RiskResource(RuleSets ruleSets) {
        this.ruleSets = ruleSets;
    }

    public record ReplaceRules(List<RiskRule> rules) {
    }

    public record RuleSetView(int version, List<RiskRule> rules, Instant createdAt) {
        static RuleSetView of(RuleSet set) {
            return new RuleSetView(set.version(), set.rules(), set.createdAt());
        }
    }

    /** @param fired each rule that fired: {@code rule_id}, {@code kind}, {@code action}, {@code mode} */
    public record DecisionView(String paymentId, int rulesVersion, String outcome,
            @Schema(type = SchemaType.ARRAY, implementation = RiskDecision.Fired.class) JsonNode fired,
            boolean velocityChecked, Instant evaluatedAt) {
        static DecisionView of(RiskDecisionRow row) {
            return new DecisionView(row.paymentId, row.rulesVersion, row.outcome, row.fired.get("rules"), row.velocityChecked,
                    row.evaluatedAt);
        }
    }

    public record AlertList(List<RiskAlert> data, boolean hasMore) {
    }

    @PUT
    @Path("rules")
    public Uni<RuleSetView> replace(ReplaceRules request) {
        List<RiskRule> rules = RuleValidator.validate(request == null ? null : request.rules());
        return Panache.withTransaction(() -> ruleSets.replace(rules)).map(RuleSetView::of);
    }

    @GET
    @Path("rules")
    @WithSession
    public Uni<RuleSetView> current() {
        return ruleSets.current().map(RuleSetView::of);
    }

    @GET
    @Path("rules/versions/{version}")
    @WithSession
    public Uni<RuleSetView> version(@PathParam("version") String version) {
        int number;
        try {
            number = Integer.parseInt(version);
        } catch (NumberFormatException e) {
            throw ApiException.notFound("rule set version", version);
        }
        return ruleSets.version(number)
                .onItem().ifNull().failWith(() -> ApiException.notFound("rule set version", version))
                .map(RuleSetView::of);
    }

    @GET
    @Path("decisions/{payment_id}")
    @WithSession
    public Uni<DecisionView> decision(@PathParam("payment_id") String paymentId) {
        return RiskDecisionRow.<RiskDecisionRow>findById(paymentId)
                .onItem().ifNull().failWith(() -> ApiException.notFound("risk decision for payment", paymentId))
                .map(DecisionView::of);
    }

    @GET
    @Path("alerts")
    @WithSession
    public Uni<AlertList> alerts(@QueryParam("payment_id") String paymentId,
            @QueryParam("starting_after") String startingAfter, @QueryParam("limit") String limit) {
        int pageSize = PageLimit.parse(limit);
        PageCursor.parse(startingAfter, "ral");
        // Alert ids are time-ordered: the id is the page's key. Only the filters given are bound.
        List<String> where = new ArrayList<>(List.of("1 = 1"));
        Parameters parameters = new Parameters();
        if (paymentId != null) {
            where.add("paymentId = :payment");
            parameters.and("payment", paymentId);
        }
        if (startingAfter != null) {
            where.add("id > :after");
            parameters.and("after", startingAfter);
        }
        return RiskAlertRow.<RiskAlertRow>find(String.join(" and ", where), Sort.by("id"), parameters)
                .range(0, pageSize).list()
                .map(rows -> new AlertList(rows.stream().limit(pageSize).map(RiskAlertRow::toAlert).toList(),
                        rows.size() > pageSize));
    }
}

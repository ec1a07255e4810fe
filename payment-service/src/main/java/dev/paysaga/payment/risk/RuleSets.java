package dev.paysaga.payment.risk;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The versions of the rule set. Every payment reads the current version; the parsed set is kept
 * in memory and only its version number is read per payment, so a PUT takes effect on every
 * replica with the next payment.
 */
@ApplicationScoped
public class RuleSets {
    private static final TypeReference<List<RiskRule>> RULES = new TypeReference<>() {
    };
    private static final String RULES_FIELD = "rules";
    private static final String LATEST = "select coalesce(max(version), 0) from risk_rule_set";
    /** PUTs queue here for their transaction: two never compute the same next version. */
    private static final String SERIALISE = """
            select count(*) from (select pg_advisory_xact_lock(hashtext('risk_rule_set'))) locked""";

    private final ObjectMapper mapper;
    private volatile RuleSet cached = RuleSet.NONE;

    RuleSets(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The current version, in the caller's session. */
    public Uni<RuleSet> current() {
        return latestVersion().chain(version -> {
            RuleSet known = cached;
            if (version == known.version()) {
                return Uni.createFrom().item(known);
            }
            return version(version).invoke(found -> cached = found);
        });
    }

    /** One version, or null if there is none such. */
    public Uni<RuleSet> version(int version) {
        if (version == 0) {
            return Uni.createFrom().item(RuleSet.NONE);
        }
        return RiskRuleSetRow.<RiskRuleSetRow>findById(version).map(row -> row == null ? null
                : new RuleSet(row.version, mapper.convertValue(row.ruleSet.get(RULES_FIELD), RULES), row.createdAt));
    }

    /** Stores {@code rules} (already validated) as the next version, in the caller's transaction. */
    public Uni<RuleSet> replace(List<RiskRule> rules) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(SERIALISE, Long.class).getSingleResult())
                .chain(locked -> latestVersion())
                .chain(latest -> {
                    RiskRuleSetRow row = new RiskRuleSetRow();
                    row.version = latest + 1;
                    row.ruleSet = mapper.createObjectNode().set(RULES_FIELD, mapper.valueToTree(rules));
                    row.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
                    return row.<RiskRuleSetRow>persist();
                })
                .map(row -> new RuleSet(row.version, rules, row.createdAt));
    }

    private Uni<Integer> latestVersion() {
        return Panache.getSession().chain(session -> session.createNativeQuery(LATEST, Integer.class).getSingleResult());
    }
}

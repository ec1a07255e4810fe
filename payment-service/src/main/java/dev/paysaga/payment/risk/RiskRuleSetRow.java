package dev.paysaga.payment.risk;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A stored version of the rule set; never changed once written. */
@Entity
@Table(name = "risk_rule_set")
public class RiskRuleSetRow extends PanacheEntityBase {
    @Id
    public int version;
    /** {@code {"rules":[…]}}: Hibernate Reactive binds JSON objects only, not a bare array. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "rule_set")
    public JsonNode ruleSet;
    @Column(name = "created_at")
    public Instant createdAt;
}

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

/** The risk decision on one payment, as stored. */
@Entity
@Table(name = "risk_decision")
public class RiskDecisionRow extends PanacheEntityBase {
    @Id
    @Column(name = "payment_id")
    public String paymentId;
    @Column(name = "rules_version")
    public int rulesVersion;
    public String outcome;
    /** {@code {"rules":[…]}}: Hibernate Reactive binds JSON objects only, not a bare array. */
    @JdbcTypeCode(SqlTypes.JSON)
    public JsonNode fired;
    @Column(name = "velocity_checked")
    public boolean velocityChecked;
    @Column(name = "evaluated_at")
    public Instant evaluatedAt;
}

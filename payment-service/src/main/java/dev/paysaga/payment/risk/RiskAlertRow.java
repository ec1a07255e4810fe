package dev.paysaga.payment.risk;

import dev.paysaga.contracts.RiskAlert;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An alert as stored for {@code GET /v1/risk/alerts}; the same alert went to risk.alerts. */
@Entity
@Table(name = "risk_alert")
public class RiskAlertRow extends PanacheEntityBase {
    @Id
    public String id;
    @Column(name = "payment_id")
    public String paymentId;
    @Column(name = "merchant_id")
    public String merchantId;
    @Column(name = "customer_id")
    public String customerId;
    @Column(name = "rule_id")
    public String ruleId;
    @Column(name = "rules_version")
    public int rulesVersion;
    public String action;
    public String mode;
    @Column(name = "amount")
    public long amountMinor;
    public String currency;
    @Column(name = "created_at")
    public Instant createdAt;

    /** The alert as risk.alerts and the API show it. */
    public RiskAlert toAlert() {
        return new RiskAlert(id, paymentId, merchantId, customerId, ruleId, rulesVersion, action, mode, amountMinor,
                currency, createdAt);
    }
}

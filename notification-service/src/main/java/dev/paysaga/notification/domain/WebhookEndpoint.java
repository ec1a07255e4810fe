package dev.paysaga.notification.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** Where a merchant wants its events delivered, and which ones. */
@Entity
@Table(name = "webhook_endpoint")
public class WebhookEndpoint extends PanacheEntityBase {
    public enum Status {
        ENABLED, DISABLED, DELETED;

        public String value() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    @Id
    public String id;
    @Column(name = "merchant_id")
    public String merchantId;
    public String url;
    public String description;
    @Column(name = "enabled_events")
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] enabledEvents;
    public String status;
    @Column(name = "disabled_reason")
    public String disabledReason;
    @Column(name = "failing_since")
    public Instant failingSince;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;

    public boolean is(Status s) {
        return s.value().equals(status);
    }
}

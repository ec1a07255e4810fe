package dev.paysaga.notification.domain;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A platform event as merchants see it (Stripe's Event object): what happened, to what, when. */
@Entity
@Table(name = "merchant_event")
public class MerchantEvent extends PanacheEntityBase {
    @Id
    public String id;
    @Column(name = "message_id")
    public String messageId;
    public String type;
    public String subject;
    @Column(name = "merchant_id")
    public String merchantId;
    @JdbcTypeCode(SqlTypes.JSON)
    public JsonNode data;
    @Column(name = "trace_id")
    public String traceId;
    @Column(name = "occurred_at")
    public Instant occurredAt;
    @Column(name = "received_at", insertable = false, updatable = false)
    public Instant receivedAt;
}

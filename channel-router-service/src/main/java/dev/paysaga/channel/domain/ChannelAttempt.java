package dev.paysaga.channel.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One attempt to open a payment's transaction at a channel (see V2__channel_attempts.sql). */
@Entity
@Table(name = "channel_attempt")
public class ChannelAttempt extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "payment_id")
    public String paymentId;
    public int attempt;
    public String channel;
    public String reason;
    @Enumerated(EnumType.STRING)
    public AttemptOutcome outcome;
    public String detail;
    @Column(name = "latency_millis")
    public Long latencyMillis;
    @Column(name = "started_at")
    public Instant startedAt;
    @Column(name = "finished_at")
    public Instant finishedAt;

    static ChannelAttempt calling(String paymentId, int attempt, String channel, String reason, Instant at) {
        ChannelAttempt a = new ChannelAttempt();
        a.paymentId = paymentId;
        a.attempt = attempt;
        a.channel = channel;
        a.reason = reason;
        a.outcome = AttemptOutcome.CALLING;
        a.startedAt = at;
        return a;
    }

    void finish(AttemptOutcome result, String why, Long latency, Instant at) {
        if (outcome != AttemptOutcome.CALLING || result == AttemptOutcome.CALLING) {
            throw new IllegalStateException("attempt " + attempt + " of " + paymentId + " finishes once");
        }
        outcome = result;
        detail = why;
        latencyMillis = latency;
        finishedAt = at;
    }
}

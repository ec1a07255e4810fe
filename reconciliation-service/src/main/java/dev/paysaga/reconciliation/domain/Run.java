package dev.paysaga.reconciliation.domain;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One reconciliation of a channel's business day.
 *
 * @param attempt  1 for a day's first run, then one more each time the day is reconciled again
 * @param status   running, completed or failed
 * @param trigger  scheduled or manual
 * @param totals   the run's numbers once completed ({@link Totals}, as JSON)
 * @param changes  what differs from the day's previous run, once completed
 */
public record Run(String id, String channel, LocalDate businessDay, int attempt, String status, String trigger,
        String requestedBy, String zone, JsonNode totals, JsonNode changes, String failure, Instant createdAt,
        Instant completedAt) {
    public static final String RUNNING = "running";
    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";
    public static final String SCHEDULED = "scheduled";
    public static final String MANUAL = "manual";
}

package dev.paysaga.reconciliation.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * A channel's calendar day, midnight to midnight in its time zone, and the margin either side within which a
 * transaction may land on the neighbouring day's statement (our clock and the channel's disagree by seconds, and a
 * payment at 23:59:59 is often the next day's there).
 */
public record BusinessDay(LocalDate date, ZoneId zone, Duration carryWindow) {
    public Instant start() {
        return date.atStartOfDay(zone).toInstant();
    }

    public Instant end() {
        return date.plusDays(1).atStartOfDay(zone).toInstant();
    }

    /** From the previous day's carry window to the end of the next day's: what a run reads of our books. */
    public Instant readFrom() {
        return start().minus(carryWindow);
    }

    public Instant readUntil() {
        return end().plus(carryWindow);
    }

    boolean within(Instant at) {
        return !at.isBefore(start()) && at.isBefore(end());
    }

    boolean nearItsEnd(Instant at) {
        return within(at) && !at.isBefore(end().minus(carryWindow));
    }

    boolean carriedFromThePreviousDay(Instant at) {
        return at.isBefore(start()) && !at.isBefore(readFrom());
    }
}

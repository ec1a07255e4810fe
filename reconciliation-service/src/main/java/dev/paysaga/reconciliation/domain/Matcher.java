package dev.paysaga.reconciliation.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares a channel's statement of one business day with our books. Pure: the same inputs always give the same
 * discrepancies in the same order, so a day reconciled again differs from its previous run only where the inputs did.
 *
 * <ul>
 * <li>Each statement line is looked up by our id (payment id, or refund id for a refund). A line listed again is a
 *     {@code duplicate}, once per extra line.</li>
 * <li>A payment line: unknown to us, or cancelled here, or still waiting for the channel's word here →
 *     {@code missing_locally} (resolved by a review, a refund through the channel, or a settling query); another
 *     amount → {@code amount_mismatch}.</li>
 * <li>A refund line we have not as succeeded → {@code status_mismatch} (refunded there, not here).</li>
 * <li>Ours, of the day and not on the statement: a payment → {@code missing_at_channel}, a refund →
 *     {@code status_mismatch} (refunded here, not there); within the carry window before midnight → {@code carried}
 *     instead, and the next day's run decides. What the previous day's run carried and this statement lacks too is
 *     missing now.</li>
 * </ul>
 */
public final class Matcher {
    private Matcher() {
    }

    /** What a run found. */
    public record Result(List<Discrepancy> discrepancies, Totals totals) {
    }

    /**
     * @param ours            our books: every record of the channel whose time is within the day's read window, and
     *                        any other record a statement line names
     * @param carriedYesterday the subjects the previous day's latest run carried to this one
     */
    public static Result match(BusinessDay day, List<StatementLine> lines, Collection<Booked> ours,
            Set<String> carriedYesterday) {
        Map<String, Booked> booked = new LinkedHashMap<>();
        ours.forEach(record -> booked.put(record.key(), record));
        Map<String, List<StatementLine>> listed = new LinkedHashMap<>();
        lines.forEach(line -> listed.computeIfAbsent(line.key(), key -> new ArrayList<>()).add(line));

        Totals totals = new Totals();
        List<Discrepancy> found = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Map.Entry<String, List<StatementLine>> entry : listed.entrySet()) {
            List<StatementLine> same = entry.getValue();
            same.forEach(totals::line);
            Booked record = booked.get(entry.getKey());
            if (record != null) {
                seen.add(entry.getKey());
            }
            StatementLine first = same.get(0);
            Discrepancy discrepancy = first.kind() == StatementLine.Kind.PAYMENT ? payment(first, record) : refund(first, record);
            if (discrepancy == null) {
                totals.matched(first);
            } else {
                found.add(discrepancy);
            }
            for (StatementLine again : same.subList(1, same.size())) {
                found.add(new Discrepancy(DiscrepancyKind.DUPLICATE, entry.getKey(), again.paymentId(), again.refundId(),
                        again.amountMinor(), again.currency(), record, again,
                        "The statement lists this transaction " + same.size() + " times", Resolution.REVIEW));
            }
        }
        for (Booked record : booked.values()) {
            if (seen.contains(record.key()) || !expected(record)) {
                continue;
            }
            Discrepancy missing = missingAtChannel(day, record, carriedYesterday.contains(record.key()));
            if (missing != null) {
                found.add(missing);
            }
        }
        found.forEach(totals::found);
        return new Result(found, totals);
    }

    private static Discrepancy payment(StatementLine line, Booked ours) {
        if (ours == null) {
            return fromLine(DiscrepancyKind.MISSING_LOCALLY, line, null,
                    "Paid at the channel; we never made this payment", Resolution.REVIEW);
        }
        if (ours.cancelled()) {
            return fromLine(DiscrepancyKind.MISSING_LOCALLY, line, ours,
                    "Paid at the channel after its payment was cancelled here: the money goes back", Resolution.REFUND);
        }
        if (ours.status() == null) {
            return fromLine(DiscrepancyKind.MISSING_LOCALLY, line, ours,
                    "Paid at the channel; still waiting for the channel's word here", Resolution.SETTLE);
        }
        if (ours.amountMinor() != line.amountMinor() || !ours.currency().equals(line.currency())) {
            return fromLine(DiscrepancyKind.AMOUNT_MISMATCH, line, ours, "The channel has " + line.amountMinor() + " "
                    + line.currency() + ", our books " + ours.amountMinor() + " " + ours.currency(), Resolution.REVIEW);
        }
        return null;
    }

    private static Discrepancy refund(StatementLine line, Booked ours) {
        if (ours == null || !Booked.SUCCEEDED.equals(ours.status())) {
            return fromLine(DiscrepancyKind.STATUS_MISMATCH, line, ours,
                    "Refunded at the channel, not in our books", Resolution.REVIEW);
        }
        if (ours.amountMinor() != line.amountMinor() || !ours.currency().equals(line.currency())) {
            return fromLine(DiscrepancyKind.AMOUNT_MISMATCH, line, ours, "The channel refunded " + line.amountMinor()
                    + " " + line.currency() + ", our books " + ours.amountMinor() + " " + ours.currency(), Resolution.REVIEW);
        }
        return null;
    }

    /** Whether the channel's statement should list it: money that moved there and that our books keep. */
    private static boolean expected(Booked record) {
        return record.kind() == StatementLine.Kind.REFUND ? Booked.SUCCEEDED.equals(record.status()) : record.inOurBooks();
    }

    private static Discrepancy missingAtChannel(BusinessDay day, Booked ours, boolean carriedHere) {
        boolean ofThisDay = day.within(ours.at());
        if (!ofThisDay && !(carriedHere && day.carriedFromThePreviousDay(ours.at()))) {
            return null; // the neighbouring day's
        }
        if (ofThisDay && day.nearItsEnd(ours.at())) {
            return fromOurs(DiscrepancyKind.CARRIED, ours,
                    "Close to midnight: looked for in the next day's statement before it is called missing", Resolution.WAIT);
        }
        String carried = carriedHere ? " (carried from the previous day, in neither statement)" : "";
        if (ours.kind() == StatementLine.Kind.REFUND) {
            return fromOurs(DiscrepancyKind.STATUS_MISMATCH, ours, "Refunded in our books, not at the channel" + carried,
                    Resolution.REVIEW);
        }
        return fromOurs(DiscrepancyKind.MISSING_AT_CHANNEL, ours, "In our books, not in the channel's statement" + carried,
                Resolution.REVIEW);
    }

    private static Discrepancy fromLine(DiscrepancyKind kind, StatementLine line, Booked ours, String note,
            Resolution resolution) {
        return new Discrepancy(kind, line.key(), line.paymentId(), line.refundId(), line.amountMinor(), line.currency(),
                ours, line, note, resolution);
    }

    private static Discrepancy fromOurs(DiscrepancyKind kind, Booked ours, String note, Resolution resolution) {
        return new Discrepancy(kind, ours.key(), ours.paymentId(), ours.refundId(), ours.amountMinor(), ours.currency(),
                ours, null, note, resolution);
    }
}

package dev.paysaga.reconciliation.api;

import dev.paysaga.reconciliation.domain.Item;
import java.util.List;

/** A run's items as CSV (RFC 4180): a header line, then one line per item. */
final class ItemsCsv {
    static final String HEADER = "seq,kind,subject,payment_id,refund_id,amount,currency,our_amount,channel_amount,"
            + "resolution,resolution_status,note";

    private ItemsCsv() {
    }

    static String of(List<Item> items) {
        StringBuilder csv = new StringBuilder(HEADER).append("\r\n");
        for (Item item : items) {
            csv.append(item.seq()).append(',')
                    .append(field(item.kind().apiName())).append(',')
                    .append(field(item.subject())).append(',')
                    .append(field(item.paymentId())).append(',')
                    .append(field(item.refundId())).append(',')
                    .append(item.amountMinor()).append(',')
                    .append(field(item.currency())).append(',')
                    .append(item.ours() == null ? "" : item.ours().path("amount_minor").asText("")).append(',')
                    .append(item.theirs() == null ? "" : item.theirs().path("amount_minor").asText("")).append(',')
                    .append(field(item.resolution())).append(',')
                    .append(field(item.resolutionStatus())).append(',')
                    .append(field(item.note())).append("\r\n");
        }
        return csv.toString();
    }

    /**
     * A field quoted where it must be; one that a spreadsheet would run as a formula ({@code = + - @}) is prefixed
     * with a quote, since subjects can come from a channel's file.
     */
    static String field(String value) {
        if (value == null) {
            return "";
        }
        String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            return "\"" + safe.replace("\"", "\"\"") + "\"";
        }
        return safe;
    }
}

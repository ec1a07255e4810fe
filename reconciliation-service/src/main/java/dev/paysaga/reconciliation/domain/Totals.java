package dev.paysaga.reconciliation.domain;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A run's numbers: the statement's lines, what matched, and each kind of discrepancy, each as a count and an amount
 * per currency. The statement's amount is what matched plus every discrepancy that has a line of the channel's.
 */
public final class Totals {
    /** A count, and the sum of the amounts per currency (minor units). */
    public static final class Sum {
        private long count;
        private final Map<String, Long> amounts = new TreeMap<>();

        void add(long amountMinor, String currency) {
            count++;
            amounts.merge(currency, amountMinor, Long::sum);
        }

        public long count() {
            return count;
        }

        public Map<String, Long> amounts() {
            return amounts;
        }
    }

    private final Sum statement = new Sum();
    private final Sum matched = new Sum();
    private final Map<DiscrepancyKind, Sum> byKind = new EnumMap<>(DiscrepancyKind.class);

    void line(StatementLine line) {
        statement.add(line.amountMinor(), line.currency());
    }

    void matched(StatementLine line) {
        matched.add(line.amountMinor(), line.currency());
    }

    void found(Discrepancy discrepancy) {
        byKind.computeIfAbsent(discrepancy.kind(), kind -> new Sum()).add(discrepancy.amountMinor(), discrepancy.currency());
    }

    public Sum statement() {
        return statement;
    }

    public Sum matched() {
        return matched;
    }

    public Map<DiscrepancyKind, Sum> byKind() {
        return byKind;
    }
}

package dev.paysaga.sandbox.statements;

/**
 * One line of a downloaded statement as a test reads it from the channel's own format (no time: a script moves none
 * of the real lines, and the added ones are checked by their numbers).
 *
 * @param refundId our refund id on a refund line (null where the channel has none of ours), null on a payment line
 */
public record StatementLine(Kind kind, String paymentId, String channelTradeNo, String refundId, long amount, String currency) {
    public enum Kind { PAYMENT, REFUND }

    public static StatementLine payment(String paymentId, String channelTradeNo, long amount, String currency) {
        return new StatementLine(Kind.PAYMENT, paymentId, channelTradeNo, null, amount, currency);
    }

    public static StatementLine refund(String paymentId, String channelTradeNo, String refundId, long amount, String currency) {
        return new StatementLine(Kind.REFUND, paymentId, channelTradeNo, refundId, amount, currency);
    }

    StatementLine withAmount(long newAmount) {
        return new StatementLine(kind, paymentId, channelTradeNo, refundId, newAmount, currency);
    }

    /** The id a script names this line by: our refund id on a refund line, our payment id on a payment line. */
    String scriptId() {
        return kind == Kind.REFUND ? refundId : paymentId;
    }
}

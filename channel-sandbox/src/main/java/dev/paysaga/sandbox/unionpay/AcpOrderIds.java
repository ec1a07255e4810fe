package dev.paysaga.sandbox.unionpay;

/**
 * Our ids in UnionPay's terms: an orderId is letters and digits only, so PaySaga sends {@code pay_X} as {@code payX}
 * and a refund {@code re_X} as {@code reX}; the admin API takes our ids and reads them back this way.
 */
final class AcpOrderIds {
    private AcpOrderIds() {
    }

    /** The orderId of one of our ids (an orderId given as it is stays as it is). */
    static String orderId(String ourId) {
        return ourId.replace("_", "");
    }

    /** Our id of an orderId: {@code payX} → {@code pay_X}, {@code reX} → {@code re_X}; anything else as it is. */
    static String ourId(String orderId) {
        for (String prefix : new String[] {"pay", "re"}) {
            if (orderId.startsWith(prefix) && !orderId.startsWith(prefix + "_")) {
                return prefix + "_" + orderId.substring(prefix.length());
            }
        }
        return orderId;
    }
}

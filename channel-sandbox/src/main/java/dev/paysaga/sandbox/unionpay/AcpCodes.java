package dev.paysaga.sandbox.unionpay;

/**
 * The ACP values the sandbox speaks. Response codes from UnionPay's SDK and demos: 00 success (for a back
 * transaction: accepted), 11 signature verification failed, 34 no such transaction (query), 12 repeated
 * transaction. 10 is the sandbox's answer to any other invalid request (the real gateway distinguishes many more).
 */
final class AcpCodes {
    static final String VERSION = "5.1.0";
    static final String SIGN_METHOD_RSA = "01";
    static final String CURRENCY_CNY = "156";
    static final String CONSUME = "01";
    static final String QUERY = "00";
    static final String UNDO = "31";
    static final String REFUND = "04";
    static final String SUB_APPLY_QR = "07";
    static final String BIZ_QR = "000000";

    static final String SUCCESS = "00";
    static final String INVALID = "10";
    static final String BAD_SIGNATURE = "11";
    static final String REPEATED = "12";
    static final String NOT_FOUND = "34";
    /** File transfer: no file of that settle date ("文件不存在"). */
    static final String NO_FILE = "98";
    static final String FILE_TRANSFER = "76";
    /** The sandbox's origRespCode for a declined payment (any code but 00, A6, 03, 04, 05 means failed). */
    static final String DECLINED = "01";

    private AcpCodes() {
    }
}

package dev.paysaga.sandbox.alipay;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One gateway answer before it is rendered: the response object's key ({@code <method>_response} or
 * {@code error_response}), its fields in order, and whether Alipay signs it. Alipay signs the answers to
 * authenticated calls; a call the gateway rejects before it knows who sent it (40001, 40002) gets no sign.
 */
public record AlipayReply(String key, Map<String, String> fields, boolean signed) {
    public static final String SUCCESS = "10000";
    public static final String UNAVAILABLE = "20000";
    public static final String MISSING_ARGUMENTS = "40001";
    public static final String INVALID_ARGUMENTS = "40002";
    public static final String BUSINESS_FAILED = "40004";

    static final Map<String, String> MESSAGES = Map.of(
            SUCCESS, "Success",
            UNAVAILABLE, "Service Currently Unavailable",
            MISSING_ARGUMENTS, "Missing Required Arguments",
            INVALID_ARGUMENTS, "Invalid Arguments",
            BUSINESS_FAILED, "Business Failed");

    public static AlipayReply success(String key, Map<String, String> fields) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("code", SUCCESS);
        all.put("msg", MESSAGES.get(SUCCESS));
        fields.forEach((name, value) -> {
            if (value != null) {
                all.put(name, value);
            }
        });
        return new AlipayReply(key, all, true);
    }

    /** A gateway rejection before authentication: unsigned. */
    public static AlipayReply rejected(String key, String code, String subCode, String subMsg) {
        return new AlipayReply(key, error(code, subCode, subMsg), false);
    }

    /** An error answered to an authenticated call: signed. */
    public static AlipayReply failed(String key, String code, String subCode, String subMsg) {
        return new AlipayReply(key, error(code, subCode, subMsg), true);
    }

    public static AlipayReply businessFailed(String key, String subCode, String subMsg) {
        return failed(key, BUSINESS_FAILED, subCode, subMsg);
    }

    private static Map<String, String> error(String code, String subCode, String subMsg) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("code", code);
        fields.put("msg", MESSAGES.get(code));
        fields.put("sub_code", subCode);
        fields.put("sub_msg", subMsg);
        return fields;
    }
}

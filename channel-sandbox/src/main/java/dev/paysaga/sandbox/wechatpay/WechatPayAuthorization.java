package dev.paysaga.sandbox.wechatpay;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The request's {@code Authorization: WECHATPAY2-SHA256-RSA2048 mchid="…",nonce_str="…",signature="…",
 * timestamp="…",serial_no="…"}. WeChat Pay documents the five parameters as unordered, so any order parses.
 */
record WechatPayAuthorization(String mchid, String nonce, String signature, String timestamp, String serialNo) {
    static final String SCHEMA = "WECHATPAY2-SHA256-RSA2048";
    private static final Pattern PARAMETER = Pattern.compile("\\s*([a-z_]+)=\"([^\"]*)\"\\s*(,|$)");

    /** The parsed header, or null when it is absent, of another schema, or not the five parameters once each. */
    static WechatPayAuthorization parse(String header) {
        if (header == null || !header.startsWith(SCHEMA + " ")) {
            return null;
        }
        String token = header.substring(SCHEMA.length() + 1);
        Map<String, String> parameters = new HashMap<>();
        Matcher m = PARAMETER.matcher(token);
        int at = 0;
        while (at < token.length()) {
            if (!m.find(at) || m.start() != at || parameters.put(m.group(1), m.group(2)) != null) {
                return null;
            }
            at = m.end();
        }
        if (parameters.size() != 5) {
            return null;
        }
        var parsed = new WechatPayAuthorization(parameters.get("mchid"), parameters.get("nonce_str"),
                parameters.get("signature"), parameters.get("timestamp"), parameters.get("serial_no"));
        return parsed.mchid() == null || parsed.nonce() == null || parsed.signature() == null
                || parsed.timestamp() == null || parsed.serialNo() == null ? null : parsed;
    }

    /** {@code METHOD\nURL\nTIMESTAMP\nNONCE\nBODY\n}: what the merchant signed. */
    String message(String method, String pathAndQuery, String body) {
        return method + "\n" + pathAndQuery + "\n" + timestamp + "\n" + nonce + "\n" + body + "\n";
    }
}

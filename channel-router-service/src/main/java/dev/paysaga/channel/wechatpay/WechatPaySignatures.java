package dev.paysaga.channel.wechatpay;

import dev.paysaga.channel.crypto.RsaSha256;
import dev.paysaga.channel.domain.Masked;
import java.security.PrivateKey;

/**
 * WeChat Pay API v3 request signing ({@code WECHATPAY2-SHA256-RSA2048}): SHA256withRSA with the
 * merchant's API key over {@code METHOD\nURL\nTIMESTAMP\nNONCE\nBODY\n}, where URL is the path with its
 * query string as sent, TIMESTAMP is Unix seconds and BODY is the exact body (empty for a GET). Every
 * line, the last included, ends with {@code \n}. The signature travels Base64 in the Authorization header.
 */
public final class WechatPaySignatures {
    public static final String SCHEMA = "WECHATPAY2-SHA256-RSA2048";

    private WechatPaySignatures() {
    }

    /** The text a request signature covers. */
    public static String requestMessage(String method, String pathAndQuery, long timestampSeconds, String nonce,
            String body) {
        return method + "\n" + pathAndQuery + "\n" + timestampSeconds + "\n" + nonce + "\n" + body + "\n";
    }

    /** The text a response's or notification's {@code Wechatpay-Signature} covers. */
    public static String responseMessage(String timestamp, String nonce, String body) {
        return timestamp + "\n" + nonce + "\n" + body + "\n";
    }

    /** The Authorization header value, its parameters in the order WeChat Pay documents them. */
    public static Masked<String> authorization(String mchid, String nonce, Masked<String> signature,
            long timestampSeconds, String serialNo) {
        return Masked.of(SCHEMA + " mchid=\"" + mchid + "\",nonce_str=\"" + nonce + "\",signature=\""
                + signature.reveal() + "\",timestamp=\"" + timestampSeconds + "\",serial_no=\"" + serialNo + "\"");
    }

    /** Signs one request: the Authorization header for it. */
    public static Masked<String> sign(String method, String pathAndQuery, long timestampSeconds, String nonce,
            String body, String mchid, String serialNo, Masked<PrivateKey> key) {
        Masked<String> signature = RsaSha256.sign(requestMessage(method, pathAndQuery, timestampSeconds, nonce, body), key);
        return authorization(mchid, nonce, signature, timestampSeconds, serialNo);
    }
}

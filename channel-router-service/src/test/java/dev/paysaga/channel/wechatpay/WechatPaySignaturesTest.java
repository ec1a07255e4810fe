package dev.paysaga.channel.wechatpay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paysaga.channel.crypto.RsaSha256;
import dev.paysaga.channel.domain.Masked;
import dev.paysaga.channel.testing.TestKeys;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.signers.RSADigestSigner;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.junit.jupiter.api.Test;

class WechatPaySignaturesTest {
    private static final KeyPair KEYS = TestKeys.rsa2048();
    /** The values of WeChat Pay's own worked example (pay.weixin.qq.com, "签名生成": GET /v3/certificates). */
    static final String DOC_MCHID = "1900009191";
    static final String DOC_NONCE = "593BEC0C930BF1AFEB40B4A08C8FB242";
    static final long DOC_TIMESTAMP = 1554208460L;
    static final String DOC_SERIAL = "1DDE55AD98ED71D6EDD4A4A16996DE7B47773A8C";
    static final String DOC_SIGNATURE = "uOVRnA4qG/MNnYzdQxJanN+zU+lTgIcnU9BxGw5dKjK+VdEUz2FeIoC+D5sB/LN+nGzX3hfZg6r5wT1pl2Zob"
            + "mIc6p0ldN7J6yDgUzbX8Uk3sD4a4eZVPTBvqNDoUqcYMlZ9uuDdCvNv4TM3c1WzsXUrExwVkI1XO5jCNbgDJ25nkT/c1gIFvqoogl7Md"
            + "SFGc4W4xZsqCItnqbypR3RuGIlR9h9vlRsy7zJR9PBI83X8alLDIfR1ukt1P7tMnmogZ0cuDY8cZsd8ZlCgLadmvej58SLsIkVxFJ8Xy"
            + "Ugx9FmutKSYTmYtWBZ0+tNvfGmbXU7cob8H/4nLBiCwIUFluw==";

    @Test
    void theRequestMessageMatchesWechatPaysPublishedExampleByteForByte() {
        String message = WechatPaySignatures.requestMessage("GET", "/v3/certificates", DOC_TIMESTAMP, DOC_NONCE, "");

        assertEquals("GET\n/v3/certificates\n1554208460\n593BEC0C930BF1AFEB40B4A08C8FB242\n\n", message);
        assertEquals(66, message.getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void aPostSignsTheExactBodyAndAQuerySignsItsQueryString() {
        String body = "{\"appid\":\"wxd678efh567hg6787\",\"amount\":{\"total\":100,\"currency\":\"CNY\"},\"description\":\"拿铁\"}";
        assertEquals("POST\n/v3/pay/transactions/native\n1554208460\n593BEC0C930BF1AFEB40B4A08C8FB242\n" + body + "\n",
                WechatPaySignatures.requestMessage("POST", "/v3/pay/transactions/native", DOC_TIMESTAMP, DOC_NONCE, body));
        assertEquals("GET\n/v3/pay/transactions/out-trade-no/pay_1?mchid=1900009191\n1554208460\n" + DOC_NONCE + "\n\n",
                WechatPaySignatures.requestMessage("GET", "/v3/pay/transactions/out-trade-no/pay_1?mchid=1900009191",
                        DOC_TIMESTAMP, DOC_NONCE, ""));
    }

    @Test
    void theAuthorizationHeaderMatchesWechatPaysPublishedExample() {
        Masked<String> header = WechatPaySignatures.authorization(DOC_MCHID, DOC_NONCE, Masked.of(DOC_SIGNATURE),
                DOC_TIMESTAMP, DOC_SERIAL);

        assertEquals("WECHATPAY2-SHA256-RSA2048 mchid=\"1900009191\",nonce_str=\"593BEC0C930BF1AFEB40B4A08C8FB242\","
                + "signature=\"" + DOC_SIGNATURE + "\",timestamp=\"1554208460\","
                + "serial_no=\"1DDE55AD98ED71D6EDD4A4A16996DE7B47773A8C\"", header.reveal());
        assertEquals("****", header.toString(), "a header carrying a signature never prints");
    }

    @Test
    void theSignatureInTheHeaderVerifiesWithBouncyCastleOverTheMessage() throws Exception {
        String body = "{\"mchid\":\"1900000109\"}";
        String header = WechatPaySignatures.sign("POST", "/v3/pay/transactions/out-trade-no/pay_1/close", 1764000000L,
                "ABCDEF0123456789ABCDEF0123456789", body, "1900000109", "SERIAL1", Masked.of(KEYS.getPrivate())).reveal();

        Matcher m = Pattern.compile("signature=\"([^\"]+)\"").matcher(header);
        assertTrue(m.find(), header);
        RSADigestSigner verifier = new RSADigestSigner(new SHA256Digest());
        verifier.init(false, PublicKeyFactory.createKey(KEYS.getPublic().getEncoded()));
        byte[] message = ("POST\n/v3/pay/transactions/out-trade-no/pay_1/close\n1764000000\n"
                + "ABCDEF0123456789ABCDEF0123456789\n" + body + "\n").getBytes(StandardCharsets.UTF_8);
        verifier.update(message, 0, message.length);
        assertTrue(verifier.verifySignature(Base64.getDecoder().decode(m.group(1))));
    }

    @Test
    void theResponseMessageIsTimestampNonceBody() {
        assertEquals("1554208460\n593BEC0C930BF1AFEB40B4A08C8FB242\n{\"code_url\":\"weixin://x\"}\n",
                WechatPaySignatures.responseMessage("1554208460", DOC_NONCE, "{\"code_url\":\"weixin://x\"}"));
        assertEquals("1554208460\n" + DOC_NONCE + "\n\n", WechatPaySignatures.responseMessage("1554208460", DOC_NONCE, ""),
                "an empty body (204) still ends with its newline");
        Masked<String> signature = RsaSha256.sign("x", Masked.of(KEYS.getPrivate()));
        assertFalse(RsaSha256.verify("y", signature.reveal(), KEYS.getPublic()));
    }
}

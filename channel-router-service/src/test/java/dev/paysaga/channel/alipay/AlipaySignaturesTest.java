package dev.paysaga.channel.alipay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paysaga.channel.crypto.PemKeys;
import dev.paysaga.channel.domain.Masked;
import dev.paysaga.channel.testing.TestKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.signers.RSADigestSigner;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlipaySignaturesTest {
    private static final KeyPair KEYS = TestKeys.rsa2048();

    /** Alipay's own example of a string to sign (open.alipay.com, "自行实现签名": alipay.mobile.public.menu.add). */
    @Test
    void theRequestSigningStringMatchesAlipaysPublishedExample() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("app_id", "2014072300007148");
        params.put("method", "alipay.mobile.public.menu.add");
        params.put("charset", "GBK");
        params.put("sign_type", "RSA2");
        params.put("timestamp", "2014-07-24 03:07:50");
        params.put("biz_content", "{\"button\":[{\"actionParam\":\"ZFB_HFCZ\",\"actionType\":\"out\",\"name\":\"话费充值\"}]}");
        params.put("sign", "must-not-be-signed");
        params.put("version", "1.0");

        assertEquals("app_id=2014072300007148"
                + "&biz_content={\"button\":[{\"actionParam\":\"ZFB_HFCZ\",\"actionType\":\"out\",\"name\":\"话费充值\"}]}"
                + "&charset=GBK&method=alipay.mobile.public.menu.add&sign_type=RSA2&timestamp=2014-07-24 03:07:50"
                + "&version=1.0", AlipaySignatures.content(params, AlipaySignatures.REQUEST_EXCLUDED));
    }

    /** Alipay's documented app-pay example: notify_url and format sort between their neighbours, values raw (not URL-encoded). */
    @Test
    void theAppPayExampleSortsAndKeepsValuesRaw() {
        Map<String, String> params = Map.of(
                "app_id", "2015052600090779",
                "biz_content", "{\"timeout_express\":\"30m\",\"total_amount\":\"0.01\",\"out_trade_no\":\"IQJZSRC1YMQB5HU\"}",
                "charset", "utf-8", "format", "json", "method", "alipay.trade.app.pay",
                "notify_url", "http://domain.merchant.com/payment_notify", "sign_type", "RSA2",
                "timestamp", "2016-08-25 20:26:31", "version", "1.0");

        assertEquals("app_id=2015052600090779&biz_content={\"timeout_express\":\"30m\",\"total_amount\":\"0.01\","
                + "\"out_trade_no\":\"IQJZSRC1YMQB5HU\"}&charset=utf-8&format=json&method=alipay.trade.app.pay"
                + "&notify_url=http://domain.merchant.com/payment_notify&sign_type=RSA2&timestamp=2016-08-25 20:26:31"
                + "&version=1.0", AlipaySignatures.content(params, AlipaySignatures.REQUEST_EXCLUDED));
    }

    @Test
    void emptyValuesAreLeftOutAndANotificationExcludesSignType() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("trade_status", "TRADE_SUCCESS");
        form.put("app_id", "2021000000000001");
        form.put("buyer_id", "");
        form.put("sign_type", "RSA2");
        form.put("sign", "x");
        form.put("Zeta", "upper case sorts before lower case in ASCII");

        assertEquals("Zeta=upper case sorts before lower case in ASCII&app_id=2021000000000001&trade_status=TRADE_SUCCESS",
                AlipaySignatures.content(form, AlipaySignatures.NOTIFICATION_EXCLUDED));
        assertTrue(AlipaySignatures.content(form, AlipaySignatures.REQUEST_EXCLUDED).endsWith("&sign_type=RSA2&trade_status=TRADE_SUCCESS"));
    }

    /** PKCS#1 v1.5 signatures are deterministic: ours must equal BouncyCastle's independent RSA/SHA-256 signer, byte for byte. */
    @Test
    void theSignatureIsSha256WithRsaPkcs1AsAnIndependentImplementationComputesIt() throws Exception {
        String content = "app_id=2021000000000001&biz_content={\"total_amount\":\"30.00\"}&charset=utf-8&method=alipay.trade.precreate";

        String ours = AlipaySignatures.sign(content, Masked.of(KEYS.getPrivate())).reveal();

        RSADigestSigner bc = new RSADigestSigner(new SHA256Digest());
        bc.init(true, PrivateKeyFactory.createKey(KEYS.getPrivate().getEncoded()));
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        bc.update(bytes, 0, bytes.length);
        assertArrayEquals(bc.generateSignature(), Base64.getDecoder().decode(ours));
        assertTrue(AlipaySignatures.verify(content, ours, KEYS.getPublic()));
    }

    @Test
    void verificationRefusesTamperingOtherKeysAndGarbage() {
        String content = "out_trade_no=pay_1&total_amount=30.00";
        String sign = AlipaySignatures.sign(content, Masked.of(KEYS.getPrivate())).reveal();

        assertFalse(AlipaySignatures.verify("out_trade_no=pay_1&total_amount=30.01", sign, KEYS.getPublic()));
        assertFalse(AlipaySignatures.verify(content, sign, TestKeys.rsa2048().getPublic()));
        assertFalse(AlipaySignatures.verify(content, "not base64 !!", KEYS.getPublic()));
        assertFalse(AlipaySignatures.verify(content, "", KEYS.getPublic()));
        assertFalse(AlipaySignatures.verify(content, null, KEYS.getPublic()));
    }

    @Test
    void aSignatureIsMaskedWhenPrinted() {
        Masked<String> sign = AlipaySignatures.sign("a=b", Masked.of(KEYS.getPrivate()));
        assertEquals("****", sign.toString());
        assertEquals("****", Masked.of(KEYS.getPrivate()).toString());
        assertFalse(("" + sign).contains(sign.reveal()));
    }

    @Test
    void pemFilesRoundTripThroughBouncyCastle(@TempDir Path dir) {
        TestKeys.writePem(KEYS.getPrivate(), dir.resolve("private.pem"));
        TestKeys.writePem(KEYS.getPublic(), dir.resolve("public.pem"));

        var privateKey = PemKeys.privateKey(dir.resolve("private.pem"));
        var publicKey = PemKeys.publicKey(dir.resolve("public.pem"));

        String sign = AlipaySignatures.sign("k=v", Masked.of(privateKey)).reveal();
        assertTrue(AlipaySignatures.verify("k=v", sign, publicKey));
        assertEquals(KEYS.getPublic(), publicKey);
    }

    @Test
    void aMissingOrWrongKeyFileNamesTheFileNotItsContent(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("public.pem"), "-----BEGIN PUBLIC KEY-----\nTOPSECRET\n-----END PUBLIC KEY-----\n");
        var missing = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> PemKeys.privateKey(dir.resolve("absent.pem")));
        assertTrue(missing.getMessage().contains("absent.pem"));
        var wrong = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
                () -> PemKeys.privateKey(dir.resolve("public.pem")));
        assertFalse(String.valueOf(wrong.getMessage()).contains("TOPSECRET"));
    }
}

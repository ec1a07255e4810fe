package dev.paysaga.channel.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.HashMap;
import java.util.Map;

/**
 * Before Quarkus starts: makes every channel's key pairs, writes the service's halves (Alipay app
 * private + platform public; WeChat Pay merchant private + platform public + APIv3 key; Stripe's secret key and
 * webhook signing secret, clearly named test values made fresh) into a fresh keys directory, and starts the fake
 * gateways holding the other halves. Tests reach them through {@link #alipay()}, {@link #wechatpay()} and
 * {@link #stripe()}.
 */
public class ChannelGatewaysResource implements QuarkusTestResourceLifecycleManager {
    public static final String APP_ID = "2021000000000001";
    private static volatile FakeAlipayGateway alipay;
    private static volatile FakeWechatPayGateway wechatpay;
    private static volatile FakeStripeGateway stripe;
    private static volatile FakeUnionPayGateway unionpay;

    public static FakeAlipayGateway alipay() {
        return alipay;
    }

    public static FakeWechatPayGateway wechatpay() {
        return wechatpay;
    }

    public static FakeStripeGateway stripe() {
        return stripe;
    }

    public static FakeUnionPayGateway unionpay() {
        return unionpay;
    }

    @Override
    public Map<String, String> start() {
        try {
            Path dir = Files.createTempDirectory("channel-keys");
            KeyPair app = TestKeys.rsa2048();
            KeyPair platform = TestKeys.rsa2048();
            TestKeys.writePem(app.getPrivate(), dir.resolve("alipay-app-private.pem"));
            TestKeys.writePem(platform.getPublic(), dir.resolve("alipay-platform-public.pem"));
            alipay = new FakeAlipayGateway(APP_ID, app.getPublic(), platform);

            KeyPair merchant = TestKeys.rsa2048();
            KeyPair wechatPlatform = TestKeys.rsa2048();
            String apiV3Key = TestKeys.apiV3Key();
            TestKeys.writePem(merchant.getPrivate(), dir.resolve("wechatpay-merchant-private.pem"));
            TestKeys.writePem(wechatPlatform.getPublic(), dir.resolve("wechatpay-platform-public.pem"));
            Files.writeString(dir.resolve("wechatpay-apiv3.key"), apiV3Key + "\n");
            wechatpay = new FakeWechatPayGateway(merchant.getPublic(), wechatPlatform, apiV3Key);

            String stripeKey = "sk_test_paysaga_fake_" + TestKeys.apiV3Key();
            String stripeSecret = "whsec_paysaga_fake_" + TestKeys.apiV3Key();
            Files.writeString(dir.resolve("stripe-secret.key"), stripeKey + "\n");
            Files.writeString(dir.resolve("stripe-webhook.secret"), stripeSecret + "\n");
            stripe = new FakeStripeGateway(stripeKey, stripeSecret);
            TestPki unionpayPki = new TestPki();
            unionpayPki.writeRouterFiles(dir);
            unionpay = new FakeUnionPayGateway(unionpayPki);

            Map<String, String> config = new HashMap<>();
            config.put("paysaga.channels.unionpay.base-url", unionpay.url());
            config.put("paysaga.channels.unionpay.mer-id", FakeUnionPayGateway.MER_ID);
            config.put("paysaga.channels.unionpay.request-timeout", "PT3S");
            config.put("paysaga.channels.keys-dir", dir.toString());
            config.put("paysaga.channels.alipay.gateway-url", alipay.url());
            config.put("paysaga.channels.alipay.app-id", APP_ID);
            config.put("paysaga.channels.alipay.request-timeout", "PT3S");
            config.put("paysaga.channels.wechatpay.base-url", wechatpay.url());
            config.put("paysaga.channels.wechatpay.mchid", FakeWechatPayGateway.MCHID);
            config.put("paysaga.channels.wechatpay.appid", FakeWechatPayGateway.APPID);
            config.put("paysaga.channels.wechatpay.merchant-serial", FakeWechatPayGateway.MERCHANT_SERIAL);
            config.put("paysaga.channels.wechatpay.platform-serial", FakeWechatPayGateway.PLATFORM_SERIAL);
            config.put("paysaga.channels.wechatpay.request-timeout", "PT3S");
            config.put("paysaga.channels.stripe.base-url", stripe.url());
            config.put("paysaga.channels.stripe.request-timeout", "PT3S");
            // A merchant that uses WeChat Pay only (routing's merchant configuration).
            config.put("paysaga.routing.merchants.mer_wechat_only.channels", "wechatpay");
            // Merchants with their own strategies (RoutingApiTest).
            config.put("paysaga.routing.merchants.mer_weighted.strategy", "weighted");
            config.put("paysaga.routing.merchants.mer_weighted.weights.wechatpay", "1");
            config.put("paysaga.routing.merchants.mer_success_rate.strategy", "success_rate");
            config.put("paysaga.routing.merchants.mer_success_rate.channels", "alipay,wechatpay");
            // A merchant taking the two QR wallets only, so failover tests see exactly Alipay then WeChat Pay.
            config.put("paysaga.routing.merchants.mer_qr.channels", "alipay,wechatpay");
            config.put("paysaga.channels.query.first-after", "PT0.3S");
            config.put("paysaga.channels.query.backoff-base", "PT0.3S");
            config.put("paysaga.channels.query.backoff-cap", "PT1S");
            return config;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        if (alipay != null) {
            alipay.stop();
        }
        if (wechatpay != null) {
            wechatpay.stop();
        }
        if (stripe != null) {
            stripe.stop();
        }
        if (unionpay != null) {
            unionpay.stop();
        }
    }
}

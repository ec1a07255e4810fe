package dev.paysaga.channel.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Map;

/**
 * Before Quarkus starts: makes the app and platform key pairs, writes the service's two PEM files
 * (app private, platform public) into a fresh keys directory, and starts the fake gateway holding
 * the other halves. Tests reach the gateway through {@link #gateway()}.
 */
public class AlipayGatewayResource implements QuarkusTestResourceLifecycleManager {
    public static final String APP_ID = "2021000000000001";
    private static volatile FakeAlipayGateway gateway;

    public static FakeAlipayGateway gateway() {
        return gateway;
    }

    @Override
    public Map<String, String> start() {
        try {
            KeyPair app = TestKeys.rsa2048();
            KeyPair platform = TestKeys.rsa2048();
            Path dir = Files.createTempDirectory("channel-keys");
            TestKeys.writePem(app.getPrivate(), dir.resolve("alipay-app-private.pem"));
            TestKeys.writePem(platform.getPublic(), dir.resolve("alipay-platform-public.pem"));
            gateway = new FakeAlipayGateway(APP_ID, app.getPublic(), platform);
            return Map.of(
                    "paysaga.channels.keys-dir", dir.toString(),
                    "paysaga.channels.alipay.gateway-url", gateway.url(),
                    "paysaga.channels.alipay.app-id", APP_ID,
                    "paysaga.channels.alipay.request-timeout", "PT3S",
                    "paysaga.channels.query.first-after", "PT0.3S",
                    "paysaga.channels.query.backoff-base", "PT0.3S",
                    "paysaga.channels.query.backoff-cap", "PT1S");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        if (gateway != null) {
            gateway.stop();
        }
    }
}

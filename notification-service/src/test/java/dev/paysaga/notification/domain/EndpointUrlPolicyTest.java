package dev.paysaga.notification.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.paysaga.runtime.api.ApiException;
import dev.paysaga.runtime.auth.AuthConfig;
import io.vertx.mutiny.core.Vertx;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Where a live deployment may send webhooks: public addresses over https only (no request forgery). */
class EndpointUrlPolicyTest {
    private static final Vertx VERTX = Vertx.vertx();
    private final EndpointUrlPolicy live = new EndpointUrlPolicy(VERTX, mode("live"), false);

    @AfterAll
    static void close() {
        VERTX.closeAndAwait();
    }

    @ParameterizedTest(name = "{0} is internal")
    @ValueSource(strings = {"127.0.0.1", "127.8.9.10", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1",
            "169.254.169.254", "100.64.0.1", "0.0.0.0", "224.0.0.1", "255.255.255.255", "198.18.0.1", "::1", "::",
            "fe80::1", "fd00::1", "fc00::abcd", "::ffff:127.0.0.1", "::ffff:10.0.0.1"})
    void privateLoopbackLinkLocalAndSharedAddressesAreInternal(String address) throws Exception {
        assertEquals(true, EndpointUrlPolicy.internal(InetAddress.getByName(address)));
    }

    @ParameterizedTest(name = "{0} is public")
    @ValueSource(strings = {"93.184.216.34", "8.8.8.8", "172.32.0.1", "100.128.0.1", "2606:4700:4700::1111"})
    void publicAddressesAreNot(String address) throws Exception {
        assertEquals(false, EndpointUrlPolicy.internal(InetAddress.getByName(address)));
    }

    @ParameterizedTest(name = "{0} → refused")
    @ValueSource(strings = {"https://127.0.0.1/hooks", "https://localhost:8443/hooks", "https://10.0.0.5/hooks",
            "https://169.254.169.254/latest/meta-data", "https://[::1]/hooks", "https://[fd12::1]/hooks"})
    void aLiveDeploymentRefusesURLsResolvingInside(String url) {
        ApiException refused = assertThrows(ApiException.class,
                () -> live.check(url).await().atMost(Duration.ofSeconds(10)));
        assertEquals("url", refused.param());
    }

    @ParameterizedTest(name = "{0} → refused in live mode")
    @CsvSource({"http://example.com/hooks", "http://93.184.216.34/hooks"})
    void liveModeTakesHttpsOnly(String url) {
        ApiException refused = assertThrows(ApiException.class, () -> live.parse(url));
        assertEquals("url", refused.param());
    }

    @Test
    void aPublicHttpsAddressIsTaken() {
        assertEquals("93.184.216.34", live.parse("https://93.184.216.34/hooks").getHost());
        assertNull(live.resolvesOutside("93.184.216.34").await().atMost(Duration.ofSeconds(10)));
    }

    @Test
    void aLocalDevelopmentDeploymentMayDeliverToLoopback() {
        EndpointUrlPolicy local = new EndpointUrlPolicy(VERTX, mode("test"), true);
        assertEquals("127.0.0.1", local.check("http://127.0.0.1:9000/hooks").await().atMost(Duration.ofSeconds(10)).getHost());
        assertNotNull(new EndpointUrlPolicy(VERTX, mode("test"), false).resolvesOutside("127.0.0.1")
                .await().atMost(Duration.ofSeconds(10)));
    }

    private static AuthConfig mode(String mode) {
        return new AuthConfig() {
            @Override
            public String mode() {
                return mode;
            }

            @Override
            public Optional<String> platformKeySha256() {
                return Optional.empty();
            }

            @Override
            public Optional<String> serviceToken() {
                return Optional.empty();
            }

            @Override
            public Duration streamSecretLifetime() {
                return Duration.ofHours(1);
            }

            @Override
            public Map<String, FixedKey> fixedKeys() {
                return Map.of();
            }

            @Override
            public Map<String, Operator> operators() {
                return Map.of();
            }
        };
    }
}

package dev.paysaga.runtime.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The key feed's consumer is made outside the messaging channels, yet must reach the same brokers the same
 * way: on Kubernetes only with the TLS settings (kafka.security.protocol, kafka.ssl.*) every channel gets.
 */
@QuarkusTest
class KeyDirectoryFeedTest {
    @Inject
    KeyDirectoryFeed feed;

    @Test
    void theFeedsConsumerGetsEveryKafkaSettingOfTheService() {
        Properties consumer = feed.properties();

        assertEquals("127.0.0.1:9092", consumer.get("bootstrap.servers"));
        assertEquals("use_all_dns_ips", consumer.get("client.dns.lookup"), "a kafka.* setting of the test profile");
        assertEquals("false", consumer.get("enable.auto.commit"));
        assertEquals("merchant-keys-feed", consumer.get("client.id"));
    }
}

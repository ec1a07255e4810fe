package dev.paysaga.order.domain;

import static dev.paysaga.order.OrderFixtures.assertInventory;
import static dev.paysaga.order.OrderFixtures.placed;
import static dev.paysaga.order.OrderFixtures.statusOf;
import static dev.paysaga.order.OrderFixtures.stock;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With the clock on, an expired order closes by itself, judged by the database's time. */
@QuarkusTest
@TestProfile(UnpaidOrderSweeperTest.ClockOn.class)
class UnpaidOrderSweeperTest {
    public static class ClockOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("paysaga.order.sweep-interval", "1s");
        }
    }

    @Inject
    Pool db;

    @Test
    void theClockClosesAnExpiredOrderAndLeavesAFreshOne() {
        String sku = stock(4);
        String expired = placed(sku, 3), fresh = placed(sku, 1);
        db.preparedQuery("update orders set expires_at = now() - interval '1 minute' where id = $1")
                .execute(Tuple.of(expired)).await().indefinitely();

        await().atMost(Duration.ofSeconds(30)).until(() -> statusOf(expired).equals("closed"));

        assertEquals("pending_payment", statusOf(fresh));
        assertInventory(sku, 4, 1);
    }
}

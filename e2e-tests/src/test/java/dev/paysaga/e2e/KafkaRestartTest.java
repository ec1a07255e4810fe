package dev.paysaga.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Kafka broker restarts while payment sagas are in flight: every saga still completes, once. */
class KafkaRestartTest {
    static final int PAYMENTS = 30;
    static final long PRICE = 1_500;

    @BeforeAll
    static void suite() {
        Suite.ensureRunning();
    }

    @Test
    void everySagaCompletesAcrossABrokerRestart() throws Exception {
        String customer = Payments.customer();
        Payments.topUp(customer, PAYMENTS * PRICE);
        String sku = Orders.stockedSku(PAYMENTS);
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < PAYMENTS; i++) {
            orders.add(Payments.order(customer, sku, 1));
        }

        // Payments go in while the broker goes down and comes back: their sagas are mid-flight.
        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<String>> pays = new ArrayList<>();
        try {
            for (String order : orders) {
                pays.add(clients.submit(() -> Payments.payWithWallet(order, null).getString("saga_id")));
            }
            restartBroker();
            List<String> sagas = new ArrayList<>();
            for (Future<String> pay : pays) {
                sagas.add(pay.get());
            }

            await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> sagas.stream().allMatch(s -> Payments.sagaStatus(s).equals("completed")));
            assertEquals(0, Payments.available(customer), "every payment debited exactly once");
            ConsistencyChecker.assertConsistent(sagas);
        } finally {
            clients.shutdownNow();
        }
    }

    private static void restartBroker() throws IOException, InterruptedException {
        Process restart = new ProcessBuilder("bash", Suite.ROOT.resolve("deploy/local/platform.sh").toString(),
                "restart-kafka").directory(Suite.ROOT.toFile()).inheritIO().start();
        assertEquals(0, restart.waitFor(), "platform.sh restart-kafka");
    }
}

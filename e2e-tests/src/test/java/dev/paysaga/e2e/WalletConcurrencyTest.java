package dev.paysaga.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** 200 payments race for one wallet that can afford 100 of them. */
class WalletConcurrencyTest {
    static final int PAYMENTS = 200;
    static final int AFFORDABLE = 100;
    static final long PRICE = 1_500;

    @BeforeAll
    static void suite() {
        Suite.ensureRunning();
    }

    @Test
    void concurrentPaymentsNeverOverdrawTheWalletAndTheBalanceIsExact() throws Exception {
        String customer = Payments.customer();
        Payments.topUp(customer, AFFORDABLE * PRICE);
        String sku = Orders.stockedSku(PAYMENTS);
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < PAYMENTS; i++) {
            orders.add(Payments.order(customer, sku, 1));
        }

        ExecutorService clients = Executors.newFixedThreadPool(16);
        List<String> sagas = new ArrayList<>();
        try {
            List<Callable<String>> pays = orders.stream()
                    .<Callable<String>>map(id -> () -> Payments.payWithWallet(id, null).getString("saga_id")).toList();
            for (var future : clients.invokeAll(pays)) {
                sagas.add(future.get());
            }
        } finally {
            clients.shutdownNow();
        }

        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(() -> sagas.stream()
                .map(Payments::sagaStatus).allMatch(s -> s.equals("completed") || s.equals("cancelled")));
        List<String> completed = sagas.stream().filter(s -> Payments.sagaStatus(s).equals("completed")).toList();
        List<String> cancelledBecause = sagas.stream().filter(s -> !completed.contains(s))
                .map(s -> Payments.saga(s).getString("failure_code")).distinct().toList();
        assertTrue(completed.size() <= AFFORDABLE, completed.size() + " payments from a wallet that holds " + AFFORDABLE);
        if (cancelledBecause.equals(List.of("insufficient_funds"))) {
            assertEquals(AFFORDABLE, completed.size(), "only a lack of funds stopped payments: all it holds is spent");
        }
        assertEquals((AFFORDABLE - completed.size()) * PRICE, Payments.available(customer), "the balance is exact");
        ConsistencyChecker.assertConsistent(sagas);
    }
}

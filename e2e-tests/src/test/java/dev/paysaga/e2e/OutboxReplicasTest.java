package dev.paysaga.e2e;

import static dev.paysaga.e2e.Callers.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two order-service replicas relay one outbox at the same time. Every message is delivered, none
 * is applied twice, and each order's messages still arrive in the order they were committed.
 */
class OutboxReplicasTest {
    static final int SECOND_REPLICA_PORT = 18181;
    static final int ORDERS = 60;
    static Process secondReplica;

    @BeforeAll
    static void twoReplicas() throws Exception {
        Suite.ensureRunning();
        File jar = Suite.ROOT.resolve("order-service/target/quarkus-app/quarkus-run.jar").toFile();
        ProcessBuilder builder = new ProcessBuilder("java", "-Xmx256m", "-XX:+UseSerialGC", "-jar", jar.getPath())
                .redirectErrorStream(true)
                .redirectOutput(Suite.ROOT.resolve(".paysaga/logs/order-service-replica.log").toFile());
        builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(SECOND_REPLICA_PORT));
        secondReplica = builder.start();
        await().atMost(Duration.ofSeconds(120)).ignoreExceptions().until(() ->
                given().get("http://127.0.0.1:" + SECOND_REPLICA_PORT + "/q/health/ready").statusCode() == 200);
    }

    @AfterAll
    static void stopSecondReplica() throws Exception {
        secondReplica.destroy();
        secondReplica.waitFor();
    }

    @Test
    void everyMessageArrivesOnceAndInCommitOrderPerOrder() throws Exception {
        String sku = Orders.stockedSku(ORDERS);
        List<String> replicas = List.of(Suite.url("order-service"), "http://127.0.0.1:" + SECOND_REPLICA_PORT);
        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<String>> placed = new ArrayList<>();
        try {
            for (int i = 0; i < ORDERS; i++) {
                String replica = replicas.get(i % 2);
                // Created on one replica, cancelled right after on the other: both relays race for the same key.
                String other = replicas.get((i + 1) % 2);
                placed.add(clients.submit(() -> {
                    String id = Orders.placeOn(replica, sku);
                    given().post(other + "/v1/orders/" + id + "/cancel").then().statusCode(200);
                    return id;
                }));
            }
            List<String> ids = new ArrayList<>();
            for (Future<String> f : placed) {
                ids.add(f.get());
            }
            await().atMost(Duration.ofSeconds(60)).until(() ->
                    ids.stream().allMatch(id -> Orders.eventsAbout(id).size() >= 2));
            for (String id : ids) {
                List<Map<String, Object>> events = Orders.eventsAbout(id); // in the order they were recorded
                assertEquals(List.of("order.created", "order.closed"), events.stream().map(e -> e.get("type")).toList(),
                        "events of " + id + " lost, doubled or out of order");
            }
        } finally {
            clients.shutdownNow();
        }
    }
}

package dev.paysaga.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Sagas survive SIGKILL of the orchestrator and of a participant in the middle of a payment. */
class SagaCrashTest {
    static final String ORCHESTRATOR = "saga-orchestrator";
    static final String LEDGER = "ledger-service";
    /** Long enough that the restarts below never hit a Try deadline, so the saga must complete. */
    static final Map<String, String> PATIENT = Map.of("PAYSAGA_SAGA_ANSWER_WITHIN", "PT3M");

    @BeforeAll
    static void suite() {
        Suite.ensureRunning();
    }

    @AfterEach
    void healthyAgain() {
        Suite.restart(ORCHESTRATOR, Map.of());
        Suite.start(LEDGER, Map.of());
    }

    @Test
    void killedOrchestratorAndParticipantMidSagaTheSagaStillCompletesOnce() throws Exception {
        Suite.restart(ORCHESTRATOR, PATIENT);
        String customer = Payments.customer();
        Payments.topUp(customer, 10_000);
        String orderId = Payments.order(customer, Orders.stockedSku(5), 2);

        // The ledger dies before it can answer: the saga waits at the funds Try.
        Suite.kill9(LEDGER);
        String sagaId = Payments.payWithWallet(orderId, null).getString("saga_id");
        await().atMost(Duration.ofSeconds(60)).until(() -> fundsTry(sagaId).equals("sent"));

        // The orchestrator dies after its Try commands went out; both come back.
        Suite.kill9(ORCHESTRATOR);
        Suite.services("start", PATIENT, ORCHESTRATOR, LEDGER);
        Suite.services("wait", Map.of(), ORCHESTRATOR, LEDGER);

        await().atMost(Duration.ofSeconds(90)).until(() -> Payments.sagaStatus(sagaId).equals("completed"));
        assertEquals(7_000, Payments.available(customer), "debited exactly once");
        ConsistencyChecker.assertConsistent(List.of(sagaId)); // the public events reach the log a moment later
    }

    private static String fundsTry(String sagaId) {
        JsonPath saga = Payments.saga(sagaId);
        return saga == null ? "unknown" : saga.getString("steps.find { it.step == 'funds' }.try.status");
    }
}

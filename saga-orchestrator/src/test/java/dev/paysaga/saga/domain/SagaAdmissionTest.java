package dev.paysaga.saga.domain;

import static dev.paysaga.runtime.testing.Api.given;
import static dev.paysaga.saga.testing.SagaRows.onVertx;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paysaga.contracts.PaymentInstruction;
import dev.paysaga.contracts.PaymentRequested;
import dev.paysaga.contracts.SagaReply;
import dev.paysaga.runtime.ids.Ids;
import dev.paysaga.runtime.testing.TestCredentials;
import dev.paysaga.saga.persistence.SagaStore;
import dev.paysaga.saga.testing.SagaRows;
import dev.paysaga.saga.testing.StillSagas;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Admission control against the real PostgreSQL, with a limit of two sagas in flight. Commands stay
 * in the outbox (the relay is off), where the test reads which Tries went out; the test drives
 * replies and the clock itself and deletes its sagas and commands afterwards.
 */
@QuarkusTest
@TestProfile(SagaAdmissionTest.TwoInFlight.class)
class SagaAdmissionTest {
    @Inject
    SagaDriver driver;
    @Inject
    SagaStore store;
    @Inject
    SagaDefinitions definitions;
    @Inject
    ObjectMapper mapper;

    private final List<String> created = new ArrayList<>();

    public static class TwoInFlight extends StillSagas {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(super.getConfigOverrides());
            config.put("paysaga.saga.max-in-flight", "2");
            return config;
        }
    }

    /** A wallet payment sends its four Tries at once when it starts. */
    private static final long WALLET_TRIES = 4;

    @BeforeEach
    void nothingElseInFlight() {
        assertEquals(0L, sql("select count(*) from saga where bounded and status in ('TRYING', 'CONFIRMING', 'CANCELLING')"
                + " or status = 'WAITING'"), "the sagas database holds unfinished bounded sagas of another run");
    }

    @AfterEach
    void deleteTheseSagas() {
        SagaRows.delete(created);
    }

    @Test
    void pastTheLimitSagasWaitWithNothingSentAndAFinishedSagaHandsItsSlotToTheOldest() {
        String first = pay("wallet");
        String second = pay("wallet");
        String third = pay("wallet");
        String fourth = pay("wallet");

        assertEquals(List.of("trying", "trying", "waiting", "waiting"), statuses(first, second, third, fourth));
        assertEquals(List.of(WALLET_TRIES, WALLET_TRIES, 0L, 0L), List.of(tries(first), tries(second), tries(third),
                tries(fourth)), "a waiting saga has sent nothing");
        given().get("/v1/sagas/" + third).then().statusCode(200).body("status", equalTo("waiting"));

        complete(second);
        assertEquals(List.of("completed", "trying", "waiting"), statuses(second, third, fourth),
                "the oldest waiting saga took the freed slot at once");
        assertEquals(WALLET_TRIES, tries(third));

        assertEquals(0, tick(), "no room: the clock starts nothing");
        assertEquals("waiting", status(fourth));
    }

    @Test
    void aNewSagaNeverOvertakesOneThatWaitsAndTheClockFillsFreeSlots() {
        // A saga left waiting while there is room (a replica died between finishing one and admitting the next).
        String stranded = waitingSaga();
        String newer = pay("wallet");
        assertEquals(List.of("waiting", "waiting"), statuses(stranded, newer), "the newer one queues behind it");

        assertEquals(2, tick());
        assertEquals(List.of("trying", "trying"), statuses(stranded, newer));
        assertEquals(List.of(WALLET_TRIES, WALLET_TRIES), List.of(tries(stranded), tries(newer)));
    }

    @Test
    void aChannelPaymentIsNotBoundedItsCustomerIsPayingAlready() {
        pay("wallet");
        pay("wallet");
        String channel = pay("alipay");
        assertEquals("trying", status(channel));
        assertEquals(1L, tries(channel));
    }

    @Test
    void aRepeatedRequestForAWaitingSagaChangesNothing() {
        pay("wallet");
        pay("wallet");
        String waiting = pay("wallet");
        PaymentInstruction payment = payload(waiting);
        onVertx(() -> Panache.withTransaction(() -> driver.start(new PaymentRequested(waiting, payment))).replaceWith(true));
        assertEquals("waiting", status(waiting));
        assertEquals(1L, sql("select count(*) from saga where id = '" + waiting + "'"));
    }

    /** A payment request for a fresh order, as order-service publishes it; the saga's id. */
    private String pay(String method) {
        String sagaId = Ids.next("sag");
        created.add(sagaId);
        PaymentInstruction payment = new PaymentInstruction(Ids.next("pay"), Ids.next("ord"), TestCredentials.MERCHANT_A, "cus_test",
                1_000, "CNY", method, "wallet".equals(method) ? null : method);
        onVertx(() -> Panache.withTransaction(() -> driver.start(new PaymentRequested(sagaId, payment))).replaceWith(true));
        return sagaId;
    }

    private String waitingSaga() {
        String sagaId = Ids.next("sag");
        created.add(sagaId);
        PaymentInstruction payment = new PaymentInstruction(Ids.next("pay"), Ids.next("ord"), TestCredentials.MERCHANT_A, "cus_test",
                1_000, "CNY", "wallet", null);
        Saga saga = Saga.begin(sagaId, definitions.forPayment(payment), payment.merchantId(),
                mapper.valueToTree(payment), Instant.now());
        assertTrue(onVertx(() -> Panache.withTransaction(() -> store.insert(saga, true))));
        return sagaId;
    }

    /** Every participant answers yes: the Tries one by one, then every Confirm. */
    private void complete(String sagaId) {
        List<String> steps = List.of("payment", "notification", "order", "funds");
        steps.forEach(step -> reply(sagaId, step, "try"));
        steps.forEach(step -> reply(sagaId, step, "confirm"));
    }

    private void reply(String sagaId, String step, String phase) {
        SagaReply reply = new SagaReply(sagaId, step, phase, true, null, null);
        onVertx(() -> Panache.withTransaction(() -> driver.onReply(reply)).replaceWith(true));
    }

    private int tick() {
        return onVertx(driver::tick);
    }

    private PaymentInstruction payload(String sagaId) {
        return mapper.convertValue(onVertx(() -> driver.find(sagaId)).payload, PaymentInstruction.class);
    }

    private List<String> statuses(String... sagaIds) {
        return java.util.Arrays.stream(sagaIds).map(this::status).toList();
    }

    private String status(String sagaId) {
        return onVertx(() -> driver.find(sagaId)).status.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** How many Try commands went out for the saga. */
    private long tries(String sagaId) {
        return sql("select count(*) from outbox_message where saga_id = '" + sagaId + "' and type = 'saga.try'");
    }

    private long sql(String query) {
        return onVertx(() -> Panache.withSession(() -> Panache.getSession()
                .chain(s -> s.createNativeQuery(query, Long.class).getSingleResult())));
    }
}

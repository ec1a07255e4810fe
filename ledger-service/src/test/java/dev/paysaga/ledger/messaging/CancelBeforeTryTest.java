package dev.paysaga.ledger.messaging;

import static dev.paysaga.runtime.testing.Api.asPlatform;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paysaga.contracts.PaymentInstruction;
import dev.paysaga.contracts.SagaCommand;
import dev.paysaga.contracts.SagaReply;
import dev.paysaga.contracts.Topics;
import dev.paysaga.runtime.ids.Ids;
import dev.paysaga.runtime.tcc.BranchResult;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The TCC fence at the ledger, driven through the real Kafka broker as the orchestrator drives it:
 * the funds step's Try is late (the orchestrator timed it out and cancelled), so its Cancel arrives
 * first. The Cancel must succeed as a recorded empty rollback, and the Try that follows must be
 * refused without touching the wallet, although the wallet could pay.
 *
 * <p>A running ledger-service (group {@code ledger-service}, same database) may take some of these
 * commands instead of this test's instance: the shared inbox and fence make that harmless, and the
 * assertions read what was answered and left, not who answered.
 */
@QuarkusTest
class CancelBeforeTryTest {
    static final String STEP = "funds";
    static final long TOP_UP = 10_000;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @Inject
    ObjectMapper mapper;

    KafkaProducer<String, byte[]> producer;
    KafkaConsumer<String, byte[]> replies;

    @BeforeEach
    void connect() {
        producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap, "acks", "all"),
                new StringSerializer(), new ByteArraySerializer());
        replies = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap,
                "group.id", "cancel-before-try-test-" + UUID.randomUUID(), "enable.auto.commit", "false"),
                new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = replies.partitionsFor(Topics.SAGA_REPLIES).stream()
                .map(p -> new TopicPartition(Topics.SAGA_REPLIES, p.partition())).toList();
        replies.assign(partitions);
        replies.seekToEnd(partitions);
        partitions.forEach(replies::position); // fix the start now, before any command is sent
    }

    @AfterEach
    void close() {
        producer.close();
        replies.close();
    }

    @Test
    void aCancelBeforeItsTryIsAnEmptyRollbackAndTheLateTryIsRefused() {
        String customer = "cus_" + UUID.randomUUID();
        String merchant = "mer_" + UUID.randomUUID();
        String sagaId = Ids.next("sag");
        PaymentInstruction payment = new PaymentInstruction(Ids.next("pay"), Ids.next("ord"), merchant, customer,
                3_000, "CNY", "wallet", null);
        topUp(merchant, customer);

        // The orchestrator timed the Try out and cancelled; then the Try arrives, then the Cancel is resent.
        send(command(sagaId, SagaCommand.CANCEL, 1, payment), UUID.randomUUID().toString());
        String tryMessage = UUID.randomUUID().toString();
        send(command(sagaId, SagaCommand.TRY, 1, payment), tryMessage);
        send(command(sagaId, SagaCommand.TRY, 1, payment), tryMessage); // Kafka redelivers the late Try
        send(command(sagaId, SagaCommand.CANCEL, 2, payment), UUID.randomUUID().toString());

        // Replies by their own message id: a reply the relay publishes twice is counted once.
        Map<String, SagaReply> answered = new LinkedHashMap<>();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            answered.putAll(repliesFor(sagaId));
            return count(answered, SagaCommand.CANCEL) >= 2 && count(answered, SagaCommand.TRY) >= 1;
        });

        assertEquals(Set.of(answer(true, null)), answers(answered, SagaCommand.CANCEL),
                "every Cancel, first and resent, succeeds the same way");
        assertEquals(Set.of(answer(false, BranchResult.CANCELLED_BEFORE_TRY)), answers(answered, SagaCommand.TRY),
                "the Try after its Cancel is refused");
        assertEquals(1, count(answered, SagaCommand.TRY), "the redelivered Try was answered again");

        asPlatform().queryParam("merchant_id", merchant).get("/v1/wallets/{customer}?currency=CNY", customer).then()
                .statusCode(200)
                .body("available", equalTo((int) TOP_UP))
                .body("pending", equalTo(0));
        assertEquals(List.of("CANCELLED true null"), query(String.class, """
                select status || ' ' || empty_rollback || ' ' || coalesce(try_result::text, 'null')
                  from tcc_branch where saga_id = ?1 and step = ?2""", sagaId, STEP));
        // The refused Try never ran: no transfer for the payment, not even the merchant's account opened.
        assertEquals(List.of(0L), query(Long.class, "select count(*) from transfer where reference = ?1", payment.paymentId()));
        assertEquals(List.of(0L), query(Long.class, "select count(*) from account where owner_id = ?1", merchant));
    }

    private void topUp(String merchant, String customer) {
        asPlatform().contentType(ContentType.JSON).header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Map.of("amount", TOP_UP, "currency", "CNY", "merchant_id", merchant, "reason", "test funds"))
                .post("/v1/wallets/{customer}/top_ups", customer).then().statusCode(201)
                .body("wallet.available", equalTo((int) TOP_UP));
    }

    private static SagaCommand command(String sagaId, String phase, int attempt, PaymentInstruction payment) {
        return new SagaCommand(sagaId, SagaCommand.PAY_ORDER, STEP, phase, attempt, payment, null,
                SagaCommand.CANCEL.equals(phase) ? "timeout" : null);
    }

    /** As the orchestrator's outbox relay publishes it: CloudEvents binary mode, keyed by the saga. */
    private void send(SagaCommand command, String messageId) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.LEDGER_COMMANDS, command.sagaId(),
                json(command));
        record.headers()
                .add("ce_specversion", bytes("1.0"))
                .add("ce_id", bytes(messageId))
                .add("ce_source", bytes("/paysaga/saga-orchestrator"))
                .add("ce_type", bytes(command.type()))
                .add("ce_subject", bytes(command.sagaId()))
                .add("ce_time", bytes(Instant.now().toString()))
                .add("ce_sagaid", bytes(command.sagaId()))
                .add("content-type", bytes("application/json"));
        producer.send(record);
        producer.flush();
    }

    private Map<String, SagaReply> repliesFor(String sagaId) {
        Map<String, SagaReply> found = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> r : replies.poll(Duration.ofMillis(200))) {
            if (!sagaId.equals(r.key())) {
                continue;
            }
            SagaReply reply = read(r.value());
            if (STEP.equals(reply.step())) {
                found.put(header(r, "ce_id"), reply);
            }
        }
        return found;
    }

    private static long count(Map<String, SagaReply> replies, String phase) {
        return replies.values().stream().filter(r -> phase.equals(r.phase())).count();
    }

    private static Set<String> answers(Map<String, SagaReply> replies, String phase) {
        return replies.values().stream().filter(r -> phase.equals(r.phase()))
                .map(r -> answer(r.succeeded(), r.failureCode())).collect(Collectors.toSet());
    }

    private static String answer(boolean succeeded, String failureCode) {
        return succeeded ? "succeeded" : "failed " + failureCode;
    }

    private static <T> List<T> query(Class<T> type, String sql, Object... params) {
        return onVertx(() -> Panache.withSession(() -> Panache.getSession().chain(s -> {
            var query = s.createNativeQuery(sql, type);
            for (int i = 0; i < params.length; i++) {
                query.setParameter(i + 1, params[i]);
            }
            return query.getResultList();
        })));
    }

    private byte[] json(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private SagaReply read(byte[] value) {
        try {
            return mapper.readValue(value, SagaReply.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        assertTrue(header != null, "reply without " + name);
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Hibernate Reactive needs a Vert.x context; the test thread borrows one and waits. */
    private static <T> T onVertx(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}

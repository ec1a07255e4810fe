package dev.paysaga.payment.testing;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paysaga.contracts.PaymentInstruction;
import dev.paysaga.contracts.SagaCommand;
import dev.paysaga.contracts.Topics;
import dev.paysaga.runtime.ids.Ids;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The payment step of pay_order sagas driven through the real broker, as the orchestrator's outbox relay
 * publishes its commands (CloudEvents binary mode, keyed by saga), and the branch each Try left read back
 * from the fence's table.
 */
@ApplicationScoped
public class PaymentCommands {
    public static final String STEP = "payment";
    private final KafkaProducer<String, byte[]> producer;
    private final ObjectMapper mapper;
    private final Pool pool;

    PaymentCommands(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap, ObjectMapper mapper,
            Pool pool) {
        this.producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap, "acks", "all"),
                new StringSerializer(), new ByteArraySerializer());
        this.mapper = mapper;
        this.pool = pool;
    }

    /** A wallet payment with fresh payment and order ids. */
    public static PaymentInstruction payment(String merchant, String customer, long amount, String currency) {
        return new PaymentInstruction(Ids.next("pay"), Ids.next("ord"), merchant, customer, amount, currency,
                PaymentInstruction.WALLET, null);
    }

    public static SagaCommand command(String sagaId, String phase, PaymentInstruction payment, String failureCode) {
        return new SagaCommand(sagaId, SagaCommand.PAY_ORDER, STEP, phase, 1, payment, null, failureCode);
    }

    /** Sends the payment's Try in a new saga and waits for its branch to be settled; answers the saga id. */
    public String tried(PaymentInstruction payment) {
        String sagaId = Ids.next("sag");
        send(command(sagaId, SagaCommand.TRY, payment, null), UUID.randomUUID().toString());
        awaitBranch(sagaId);
        return sagaId;
    }

    public void send(SagaCommand command, String messageId) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.PAYMENT_COMMANDS, command.sagaId(),
                json(command));
        Map.of("ce_specversion", "1.0", "ce_id", messageId, "ce_source", "/paysaga/saga-orchestrator",
                "ce_type", command.type(), "ce_subject", command.sagaId(), "ce_time", Instant.now().toString(),
                "ce_sagaid", command.sagaId(), "content-type", "application/json")
                .forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        producer.send(record);
        producer.flush();
    }

    /** The branch once settled: {@code TRIED}, {@code TRY_FAILED risk_blocked}, {@code CANCELLED}, … */
    private String awaitBranch(String sagaId) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> branch(sagaId),
                b -> b != null && !b.equals("TRYING"));
    }

    public String branch(String sagaId) {
        return single("""
                select status || coalesce(' ' || failure_code, '') from tcc_branch where saga_id = $1 and step = $2""",
                Tuple.of(sagaId, STEP));
    }

    /** The payment row as {@code STATUS failure_code}, or null when there is none. */
    public String paymentState(String paymentId) {
        return single("select status || coalesce(' ' || failure_code, '') from payment where id = $1",
                Tuple.of(paymentId));
    }

    private String single(String sql, Tuple params) {
        var rows = pool.preparedQuery(sql).execute(params).await().indefinitely();
        return rows.size() == 0 ? null : rows.iterator().next().getString(0);
    }

    public long count(String sql, Tuple params) {
        Row row = pool.preparedQuery(sql).execute(params).await().indefinitely().iterator().next();
        return row.getLong(0);
    }

    private byte[] json(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @PreDestroy
    void close() {
        producer.close();
    }
}

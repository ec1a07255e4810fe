package dev.paysaga.channel.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paysaga.channel.domain.ChannelNotification;
import dev.paysaga.channel.domain.ChannelRefund;
import dev.paysaga.channel.domain.ChannelStatement;
import dev.paysaga.channel.domain.ChannelTrade;
import dev.paysaga.channel.domain.ChannelUnavailableException;
import dev.paysaga.channel.domain.NotificationRefusedException;
import dev.paysaga.channel.gateway.HttpChannel;
import dev.paysaga.channel.gateway.GatewayFailures;
import dev.paysaga.runtime.api.ApiException;
import dev.paysaga.runtime.ids.Ids;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Stripe, PaymentIntents with manual capture — the TCC shape: Try = create the intent, which the customer confirms
 * with its {@code client_secret} (the card authorizes the amount: {@code requires_capture}); Confirm =
 * {@link #capture}; Cancel = {@link #close} (cancels the intent, releasing the authorization). Plus
 * {@link #refund} of what was captured, {@link #queryRefund} by our refund id, and the day's {@link #statement} from
 * balance transactions. Requests are form-encoded with the secret key as a Bearer token; every
 * POST carries an {@code Idempotency-Key} made from the payment (or refund) id and the operation, so a retry is the
 * same request and Stripe answers it once. Webhooks are believed only once {@link StripeSignature} accepts them.
 * The PaymentIntent id, learnt at create, is kept as the transaction's channel trade number; our payment id
 * travels as {@code metadata[payment_id]} and must come back in every intent we believe.
 */
@Singleton
public class StripeChannel extends HttpChannel {
    public static final String NAME = "stripe";
    static final String INTENTS = "/v1/payment_intents";
    static final String REFUNDS = "/v1/refunds";
    static final String BALANCE_TRANSACTIONS = "/v1/balance_transactions";
    /** The cancellation_reason our close sends, which tells its webhook echo from a cancel by anyone else. */
    static final String OUR_CANCELLATION = "abandoned";
    private static final java.util.regex.Pattern INTENT_ID = java.util.regex.Pattern.compile("pi_[A-Za-z0-9]{1,64}");
    private static final java.util.regex.Pattern REFUND_ID = java.util.regex.Pattern.compile("re_[A-Za-z0-9]{1,64}");
    private static final Logger LOG = Logger.getLogger(StripeChannel.class);

    private final ObjectMapper json = new ObjectMapper();
    private final StripeKeys keys;
    private final URI baseUrl;
    private final Clock clock;
    private final ZoneId statementZone;
    private final int statementPageSize;

    StripeChannel(StripeKeys keys, Vertx vertx,
            @ConfigProperty(name = "paysaga.channels.stripe.base-url") URI baseUrl,
            @ConfigProperty(name = "paysaga.channels.stripe.connect-timeout", defaultValue = "PT2S") Duration connectTimeout,
            @ConfigProperty(name = "paysaga.channels.stripe.request-timeout", defaultValue = "PT10S") Duration requestTimeout,
            @ConfigProperty(name = "paysaga.channels.stripe.statement-zone", defaultValue = "UTC") ZoneId statementZone,
            @ConfigProperty(name = "paysaga.channels.stripe.statement-page-size", defaultValue = "100") int statementPageSize) {
        super(NAME, StripeAmounts::settles, vertx, connectTimeout, requestTimeout);
        if (statementPageSize < 1 || statementPageSize > BalanceTransactions.MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("paysaga.channels.stripe.statement-page-size must be 1 to "
                    + BalanceTransactions.MAX_PAGE_SIZE + " (Stripe's limit)");
        }
        this.keys = keys;
        this.baseUrl = baseUrl;
        this.clock = Clock.systemUTC();
        this.statementZone = statementZone;
        this.statementPageSize = statementPageSize;
    }

    @Override
    public Uni<CreateResult> create(ChannelPayment payment) {
        String refusal = StripeAmounts.refusal(payment.amountMinor(), payment.currency());
        if (refusal != null) {
            // Stripe would answer 400 invalid_request_error for this amount: refuse it here, for good.
            return Uni.createFrom().item(new Declined("amount_invalid", refusal));
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("payment_id", payment.paymentId());
        metadata.put("merchant_id", payment.merchantId());
        String form = StripeForm.of()
                .add("amount", payment.amountMinor())
                .add("currency", StripeAmounts.wireCurrency(payment.currency()))
                .add("capture_method", "manual")
                .add("description", "PaySaga payment " + payment.paymentId())
                .nested("metadata", metadata)
                .encoded();
        return post(INTENTS, form, idempotencyKey(payment.paymentId(), "create")).map(reply -> {
            if (reply.status() == 200) {
                JsonNode intent = ours(payment, reply.body(), ChannelUnavailableException::new);
                String clientSecret = StripeReply.text(intent, "client_secret");
                if (clientSecret == null || clientSecret.isEmpty()) {
                    throw new ChannelUnavailableException("create answered a PaymentIntent without a client_secret");
                }
                String id = StripeReply.text(intent, "id");
                if (id == null || !INTENT_ID.matcher(id).matches()) {
                    throw new ChannelUnavailableException("create answered a PaymentIntent without a usable id");
                }
                return new Created(Map.of("type", "client_secret", "client_secret", clientSecret), id);
            }
            if (reply.isCardError()) {
                return new Declined(reply.declineCode() != null ? reply.declineCode() : reply.errorCode(),
                        reply.errorMessage());
            }
            if (reply.isInvalidRequest()) {
                return new Declined(reply.errorCode() != null ? reply.errorCode() : "invalid_request_error",
                        reply.errorMessage());
            }
            throw reply.unavailable("create PaymentIntent");
        });
    }

    @Override
    public Uni<ChannelTrade> query(ChannelPayment payment) {
        String id = payment.channelTradeNo();
        if (id == null) {
            // The create's answer never came: no client secret reached the customer, so nothing can be paid.
            return Uni.createFrom().item(ChannelTrade.of(payment.paymentId(), ChannelTrade.State.NOT_FOUND));
        }
        return call(HttpMethod.GET, intentPath(id), null, null).map(reply -> {
            if (reply.status() == 404 && reply.is("resource_missing")) {
                return ChannelTrade.of(payment.paymentId(), ChannelTrade.State.NOT_FOUND);
            }
            if (reply.status() != 200) {
                throw reply.unavailable("retrieve PaymentIntent");
            }
            return trade(payment.paymentId(), ours(payment, reply.body(), ChannelUnavailableException::new),
                    ChannelUnavailableException::new);
        });
    }

    /** Cancels the PaymentIntent (releasing any authorization); a captured one answers PAID. */
    @Override
    public Uni<ChannelTrade> close(ChannelPayment payment) {
        String id = payment.channelTradeNo();
        if (id == null) {
            return Uni.createFrom().item(ChannelTrade.of(payment.paymentId(), ChannelTrade.State.CLOSED));
        }
        String form = StripeForm.of().add("cancellation_reason", OUR_CANCELLATION).encoded();
        return post(intentPath(id) + "/cancel", form, idempotencyKey(payment.paymentId(), "cancel")).chain(reply -> {
            if (reply.status() == 200) {
                return Uni.createFrom().item(trade(payment.paymentId(),
                        ours(payment, reply.body(), ChannelUnavailableException::new), ChannelUnavailableException::new));
            }
            if (reply.status() == 404 && reply.is("resource_missing")) {
                return Uni.createFrom().item(ChannelTrade.of(payment.paymentId(), ChannelTrade.State.CLOSED));
            }
            if (reply.isInvalidRequest() && reply.is("payment_intent_unexpected_state")) {
                // Captured or canceled already: ask which.
                return query(payment).map(trade -> switch (trade.state()) {
                    case PAID, CLOSED -> trade;
                    case WAITING, NOT_FOUND -> throw new ChannelUnavailableException(
                            "cancel refused but the PaymentIntent is " + trade.state());
                });
            }
            return Uni.createFrom().failure(reply.unavailable("cancel PaymentIntent"));
        });
    }

    // --- Beyond the port: the Confirm of manual capture, and refunds ---

    /** What a capture or refund did: the money moved ({@link Moved}) or Stripe said no for good ({@link Refused}). */
    public sealed interface MoneyResult {
    }

    /** Moved {@code amountMinor}; {@code stripeId} is the PaymentIntent (capture) or the Refund ({@code re_…}). */
    public record Moved(String stripeId, long amountMinor) implements MoneyResult {
    }

    public record Refused(String code, String message) implements MoneyResult {
    }

    /** Cancelling an authorized intent releases the card's hold; a captured one answers PAID. */
    @Override
    public Uni<ChannelTrade> release(ChannelPayment payment) {
        return close(payment);
    }

    /**
     * A refund through the port: {@link #refund(ChannelPayment, String, long)} of the intent the refund names.
     * Asking again is refunding again with the same id, which its Idempotency-Key answers with the first refund;
     * {@link #queryRefund} finds it by our id without asking for anything.
     */
    @Override
    public Uni<ChannelRefund.Outcome> refund(ChannelRefund refund) {
        ChannelPayment payment = new ChannelPayment(refund.paymentId(), null, refund.paymentAmountMinor(),
                refund.currency(), null, refund.channelTradeNo());
        // A refund Stripe created pending (or needing action) is processing, not done: the refund query settles it.
        return createRefund(payment, refund.refundId(), refund.amountMinor()).map(reply -> {
            if (reply.status() == 200) {
                ChannelRefund.Outcome outcome = RefundStates.of(reply.body());
                if (outcome == null) {
                    throw new ChannelUnavailableException("refund answered an unknown status");
                }
                return outcome;
            }
            if (reply.isInvalidRequest()) {
                return new ChannelRefund.Declined(reply.errorCode(), reply.errorMessage());
            }
            throw reply.unavailable("create Refund");
        });
    }

    /**
     * Where our refund stands: Stripe has no lookup by our id, so the intent's refunds are listed
     * ({@code GET /v1/refunds?payment_intent=pi_…}, every page) and ours is the one whose {@code metadata[refund_id]}
     * is our refund id. None → not found (it never arrived: refunding again with the id is safe); no intent known, or
     * an intent Stripe does not know → not found (nothing could have been refunded). Its status decides
     * ({@link RefundStates}); a refund of ours for another amount, or about another intent, is not believed.
     */
    @Override
    public Uni<ChannelRefund.Outcome> queryRefund(ChannelRefund refund) {
        if (refund.channelTradeNo() == null) {
            return Uni.createFrom().item(new ChannelRefund.NotFound());
        }
        return Uni.createFrom().deferred(() -> {
            intentPath(refund.channelTradeNo()); // refuses an id that is not a PaymentIntent's before it reaches a query
            return refundPage(refund, null, 0);
        });
    }

    private Uni<ChannelRefund.Outcome> refundPage(ChannelRefund refund, String cursor, int pagesRead) {
        if (pagesRead >= BalanceTransactions.MAX_PAGES) {
            return Uni.createFrom().failure(new ChannelUnavailableException(
                    "more than " + BalanceTransactions.MAX_PAGES + " pages of refunds"));
        }
        String query = StripeForm.of()
                .add("payment_intent", refund.channelTradeNo())
                .add("limit", BalanceTransactions.MAX_PAGE_SIZE)
                .add("starting_after", cursor)
                .encoded();
        return call(HttpMethod.GET, REFUNDS + "?" + query, null, null).chain(reply -> {
            if (cursor == null && reply.isInvalidRequest() && reply.is("resource_missing")) {
                return Uni.createFrom().item((ChannelRefund.Outcome) new ChannelRefund.NotFound());
            }
            if (reply.status() != 200) {
                return Uni.createFrom().failure(reply.unavailable("list Refunds"));
            }
            JsonNode data = reply.body().get("data");
            JsonNode hasMore = reply.body().get("has_more");
            if (!"list".equals(StripeReply.text(reply.body(), "object")) || data == null || !data.isArray()
                    || hasMore == null || !hasMore.isBoolean() || (hasMore.booleanValue() && data.isEmpty())) {
                return Uni.createFrom().failure(new ChannelUnavailableException("list Refunds answered no list of refunds"));
            }
            String last = null;
            for (JsonNode found : data) {
                last = StripeReply.text(found, "id");
                if (last == null || !REFUND_ID.matcher(last).matches() || !"refund".equals(StripeReply.text(found, "object"))
                        || !refund.channelTradeNo().equals(StripeReply.text(found, "payment_intent"))) {
                    return Uni.createFrom().failure(new ChannelUnavailableException(
                            "list Refunds answered an object that is not a refund of the PaymentIntent"));
                }
                if (refund.refundId().equals(StripeReply.text(found.path("metadata"), "refund_id"))) {
                    return Uni.createFrom().item(outcome(refund, found));
                }
            }
            return hasMore.booleanValue() ? refundPage(refund, last, pagesRead + 1)
                    : Uni.createFrom().item((ChannelRefund.Outcome) new ChannelRefund.NotFound());
        });
    }

    private static ChannelRefund.Outcome outcome(ChannelRefund refund, JsonNode found) {
        JsonNode amount = found.get("amount");
        if (amount == null || !amount.isIntegralNumber() || amount.longValue() != refund.amountMinor()) {
            throw new ChannelUnavailableException("refund " + refund.refundId() + " is at Stripe for another amount");
        }
        ChannelRefund.Outcome outcome = RefundStates.of(found);
        if (outcome == null) {
            throw new ChannelUnavailableException("refund " + refund.refundId() + " has an unknown status");
        }
        return outcome;
    }

    // --- The statement ---

    /**
     * The day's balance transactions ({@code GET /v1/balance_transactions?created[gte]=…&created[lt]=…}, the day in
     * {@code paysaga.channels.stripe.statement-zone}, UTC by default), every page, each with its source expanded;
     * {@link BalanceTransactions} makes the lines. An unreadable page refuses the whole statement.
     */
    @Override
    public ZoneId statementZone() {
        return statementZone;
    }

    @Override
    public Uni<ChannelStatement> statement(LocalDate day) {
        long from = day.atStartOfDay(statementZone).toEpochSecond();
        long until = day.plusDays(1).atStartOfDay(statementZone).toEpochSecond();
        var window = new BalanceTransactions.Window(day, from, until);
        return BalanceTransactions.collect(window, cursor -> {
            String query = StripeForm.of()
                    .add("created[gte]", from)
                    .add("created[lt]", until)
                    .add("limit", statementPageSize)
                    .add("expand[]", "data.source")
                    .add("starting_after", cursor)
                    .encoded();
            return call(HttpMethod.GET, BALANCE_TRANSACTIONS + "?" + query, null, null).map(reply -> {
                if (reply.status() != 200) {
                    throw reply.unavailable("list balance transactions");
                }
                return reply.body();
            });
        }, BalanceTransactions.MAX_PAGES).onFailure(IllegalArgumentException.class).transform(e ->
                new ChannelUnavailableException("Stripe statement of " + day + " unreadable: " + e.getMessage()));
    }

    /** The channel step's Confirm: captures the whole authorized amount. */
    @Override
    public Uni<Void> capture(ChannelPayment payment) {
        return capture(payment, payment.amountMinor()).map(result -> {
            if (result instanceof Refused refused) {
                throw new ApiException(402, "channel_declined", "Stripe refused to capture payment " + payment.paymentId()
                        + ": " + refused.code());
            }
            return null;
        });
    }

    /**
     * Captures {@code amountMinor} (at most the authorized amount; the rest is released) of an authorized intent. The
     * saga's channel step would call this from its Confirm; repeating it is safe (same Idempotency-Key, and an intent
     * captured already answers what was captured).
     */
    public Uni<MoneyResult> capture(ChannelPayment payment, long amountMinor) {
        if (payment.channelTradeNo() == null) {
            return Uni.createFrom().failure(noIntent(payment));
        }
        String id = payment.channelTradeNo();
        String form = StripeForm.of().add("amount_to_capture", amountMinor).encoded();
        return post(intentPath(id) + "/capture", form, idempotencyKey(payment.paymentId(), "capture")).chain(reply -> {
            if (reply.status() == 200) {
                JsonNode intent = ours(payment, reply.body(), ChannelUnavailableException::new);
                return Uni.createFrom().item((MoneyResult) new Moved(id, intent.path("amount_received").asLong()));
            }
            if (reply.isInvalidRequest() && reply.is("payment_intent_unexpected_state")) {
                // Captured already (a retry whose first answer was lost), or not capturable: ask which.
                return call(HttpMethod.GET, intentPath(id), null, null).map(now -> {
                    if (now.status() != 200) {
                        throw now.unavailable("retrieve PaymentIntent");
                    }
                    JsonNode intent = ours(payment, now.body(), ChannelUnavailableException::new);
                    if ("succeeded".equals(intent.path("status").asText())) {
                        return new Moved(id, intent.path("amount_received").asLong());
                    }
                    return new Refused(reply.errorCode(), reply.errorMessage());
                });
            }
            if (reply.isInvalidRequest()) {
                return Uni.createFrom().item(new Refused(reply.errorCode(), reply.errorMessage()));
            }
            return Uni.createFrom().failure(reply.unavailable("capture PaymentIntent"));
        });
    }

    /**
     * Refunds {@code amountMinor} of the captured payment. {@code refundId} (our {@code re_…}) makes the
     * Idempotency-Key, so a retried refund never refunds twice; it also travels as {@code metadata[refund_id]}.
     */
    public Uni<MoneyResult> refund(ChannelPayment payment, String refundId, long amountMinor) {
        return createRefund(payment, refundId, amountMinor).map(reply -> {
            if (reply.status() == 200) {
                String status = StripeReply.text(reply.body(), "status");
                if (!"succeeded".equals(status) && !"pending".equals(status)) {
                    return new Refused("refund_" + status, "the refund is " + status);
                }
                return new Moved(StripeReply.text(reply.body(), "id"), reply.body().path("amount").asLong());
            }
            if (reply.isInvalidRequest()) {
                return new Refused(reply.errorCode(), reply.errorMessage());
            }
            throw reply.unavailable("create Refund");
        });
    }

    /** {@code POST /v1/refunds} for the intent; a 200 about another intent is not believed. */
    private Uni<StripeReply> createRefund(ChannelPayment payment, String refundId, long amountMinor) {
        if (payment.channelTradeNo() == null) {
            return Uni.createFrom().failure(noIntent(payment));
        }
        String id = payment.channelTradeNo();
        String form = StripeForm.of()
                .add("payment_intent", id)
                .add("amount", amountMinor)
                .nested("metadata", refundMetadata(payment.paymentId(), refundId))
                .encoded();
        return post(REFUNDS, form, idempotencyKey(refundId, "refund")).invoke(reply -> {
            if (reply.status() == 200 && !id.equals(StripeReply.text(reply.body(), "payment_intent"))) {
                throw new ChannelUnavailableException("refund answered about another PaymentIntent");
            }
        });
    }

    /** Our ids on the refund: they name its statement line, and {@link #queryRefund} finds it by refund_id. */
    private static Map<String, String> refundMetadata(String paymentId, String refundId) {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("refund_id", refundId);
        metadata.put("payment_id", paymentId);
        return metadata;
    }

    private static ChannelUnavailableException noIntent(ChannelPayment payment) {
        return new ChannelUnavailableException("payment " + payment.paymentId() + " has no PaymentIntent");
    }

    /** The same operation on the same payment always sends the same key: Stripe answers a retry with the first answer. */
    static String idempotencyKey(String id, String operation) {
        return "paysaga-" + id + "-" + operation;
    }

    private static String intentPath(String intentId) {
        // Ids come from Stripe's own answers; one that could change the path is never sent back.
        if (!INTENT_ID.matcher(intentId).matches()) {
            throw new ChannelUnavailableException("not a PaymentIntent id");
        }
        return INTENTS + "/" + intentId;
    }

    /** The intent, once it names our payment in metadata[payment_id] (an intent about another is never believed). */
    private static JsonNode ours(ChannelPayment payment, JsonNode intent, Function<String, RuntimeException> refuse) {
        if (!"payment_intent".equals(StripeReply.text(intent, "object"))
                || !payment.paymentId().equals(StripeReply.text(intent.path("metadata"), "payment_id"))) {
            throw refuse.apply("the answer is not our payment's PaymentIntent");
        }
        return intent;
    }

    /** A PaymentIntent as a trade: its state, its id, and its amount when it counts as paid. */
    private static ChannelTrade trade(String paymentId, JsonNode intent, Function<String, RuntimeException> refuse) {
        ChannelTrade.State state = IntentStates.of(intent);
        if (state == null) {
            throw refuse.apply("unknown PaymentIntent status");
        }
        Long amount = null;
        if (state == ChannelTrade.State.PAID) {
            JsonNode value = intent.path("amount");
            if (!value.isIntegralNumber() || !value.canConvertToLong()) {
                throw refuse.apply("amount is not an integer");
            }
            amount = value.longValue();
        }
        return new ChannelTrade(paymentId, state, StripeReply.text(intent, "id"), amount);
    }

    // --- Webhooks ---

    @Override
    public ChannelNotification parseAndVerify(InboundNotification inbound) {
        StripeSignature.Verdict verdict = StripeSignature.verify(inbound.header(StripeSignature.HEADER), inbound.body(),
                keys.webhookSecret(), clock.instant());
        if (verdict.refusal() != null) {
            throw new NotificationRefusedException(verdict.refusal(), null);
        }
        JsonNode event = readTree(inbound.body());
        String eventId = event == null ? null : StripeReply.text(event, "id");
        JsonNode object = event == null ? null : event.path("data").path("object");
        if (eventId == null || !eventId.startsWith("evt_") || !"event".equals(StripeReply.text(event, "object"))
                || object == null || !object.isObject()) {
            throw new NotificationRefusedException("malformed", null);
        }
        // The matched signature names this one delivery (t and body): seen twice, it is a replay.
        String delivery = verdict.matched();
        if (!"payment_intent".equals(StripeReply.text(object, "object"))) {
            // charge.refunded and other events about objects that are not payments: taken, nothing to resolve.
            return new ChannelNotification(NAME, eventId, delivery, ChannelTrade.of(null, ChannelTrade.State.WAITING));
        }
        String claimed = StripeReply.text(object.path("metadata"), "payment_id");
        if (claimed == null) {
            // An intent this platform did not create (another integration on the account): not ours to resolve.
            return new ChannelNotification(NAME, eventId, delivery, ChannelTrade.of(null, ChannelTrade.State.WAITING));
        }
        String paymentId = Ids.isValid("pay", claimed) ? claimed : null; // only a well-formed id reaches a log
        if (paymentId == null) {
            throw new NotificationRefusedException("malformed", null);
        }
        if ("canceled".equals(StripeReply.text(object, "status"))
                && OUR_CANCELLATION.equals(StripeReply.text(object, "cancellation_reason"))) {
            // The echo of our own close: the close resolves the transaction from its own answer (closed, or
            // released), which this event must not overtake as if Stripe had declined the payment.
            return new ChannelNotification(NAME, eventId, delivery, ChannelTrade.of(null, ChannelTrade.State.WAITING));
        }
        ChannelTrade trade;
        try {
            trade = trade(paymentId, object, IllegalArgumentException::new);
        } catch (IllegalArgumentException e) {
            throw new NotificationRefusedException("malformed", paymentId);
        }
        return new ChannelNotification(NAME, eventId, delivery, trade);
    }

    @Override
    public CallbackReply acknowledgement() {
        return new CallbackReply(MediaType.APPLICATION_JSON, "{\"received\":true}");
    }

    @Override
    public CallbackReply refusal(String why) {
        return new CallbackReply(MediaType.APPLICATION_JSON,
                json.createObjectNode().put("received", false).put("error", why).toString());
    }

    private JsonNode readTree(String text) {
        try {
            JsonNode node = json.readTree(text);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    // --- The API call ---

    private Uni<StripeReply> post(String path, String form, String idempotencyKey) {
        return call(HttpMethod.POST, path, form, idempotencyKey);
    }

    private Uni<StripeReply> call(HttpMethod method, String path, String form, String idempotencyKey) {
        String what = method + " " + path;
        return Uni.createFrom().item(() -> request(method, path, idempotencyKey))
                .chain(request -> form == null ? request.send()
                        : request.sendBuffer(Buffer.buffer(form.getBytes(StandardCharsets.UTF_8))))
                // Only a failure to connect proves nothing was sent (failover is safe); see GatewayFailures.
                .onFailure().transform(e -> GatewayFailures.of(what, e))
                .map(response -> reply(what, response));
    }

    private HttpRequest<Buffer> request(HttpMethod method, String path, String idempotencyKey) {
        HttpRequest<Buffer> request = client.requestAbs(method, baseUrl.resolve(path).toString())
                .timeout(requestTimeoutMillis)
                .putHeader("Authorization", "Bearer " + keys.secretKey().reveal())
                .putHeader("Accept", "application/json")
                .putHeader("User-Agent", "PaySaga channel-router");
        if (method == HttpMethod.POST) {
            request.putHeader("Content-Type", "application/x-www-form-urlencoded");
            request.putHeader("Idempotency-Key", idempotencyKey);
        }
        return request;
    }

    private StripeReply reply(String what, HttpResponse<Buffer> response) {
        String text = response.bodyAsString(StandardCharsets.UTF_8.name());
        JsonNode body = text == null ? null : readTree(text);
        if (body == null) {
            // A proxy's HTML error page, an empty 5xx: nothing in it can be believed.
            LOG.debugf("%s answered HTTP %d without a JSON object", what, response.statusCode());
            throw new ChannelUnavailableException(what + " answered HTTP " + response.statusCode() + " without JSON");
        }
        return new StripeReply(response.statusCode(), body);
    }
}

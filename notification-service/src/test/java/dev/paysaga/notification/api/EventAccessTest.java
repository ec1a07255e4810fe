package dev.paysaga.notification.api;

import static dev.paysaga.notification.testing.RelayedMessages.bytes;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.paysaga.notification.testing.RelayedMessages;
import dev.paysaga.runtime.auth.ApiKeys;
import dev.paysaga.runtime.auth.PlatformCredential;
import dev.paysaga.runtime.auth.Scopes;
import dev.paysaga.runtime.ids.Ids;
import dev.paysaga.runtime.testing.Api;
import dev.paysaga.runtime.testing.OpenApiOperations;
import dev.paysaga.runtime.testing.TestCredentials;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Who may read which event. Events arrive as in production, through the real broker: an order of
 * merchant A, a payment request of A (its merchant inside its payment), an order of merchant B, and a
 * notice about no merchant. Every operation of the service is taken from its own OpenAPI document, so a
 * new endpoint cannot be left out of the tables.
 */
@QuarkusTest
class EventAccessTest {
    private static final String TOPIC = "order.events";
    /** Published once, by the first test that needs them; every test only reads them. */
    private static Published published;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    /** Who reads, and who an event belongs to. */
    enum Party {
        A(TestCredentials.A_SECRET), B(TestCredentials.B_SECRET), PLATFORM(TestCredentials.PLATFORM);

        private final String credential;

        Party(String credential) {
            this.credential = credential;
        }

        RequestSpecification request() {
            return Api.as(credential);
        }
    }

    /**
     * The subjects of the published events: an order of each merchant (by owner), a payment request of
     * A, and an event id older than all of them.
     */
    record Published(String before, Map<Party, String> orderOrNotice, String paymentOfA) {
        String subject(Party owner) {
            return orderOrNotice.get(owner);
        }

        /** In the order they were published (one partition), which is the order the log lists them in. */
        List<String> subjects() {
            return List.of(subject(Party.A), paymentOfA, subject(Party.B), subject(Party.PLATFORM));
        }
    }

    /** @param scope the scope a merchant key needs for it */
    record Operation(String method, String path, String scope) {
    }

    private static List<Operation> operations() {
        // A payment's live stream takes no key: the payment's stream secret proves its caller (LiveStreamTest).
        Set<String> documented = new java.util.TreeSet<>(OpenApiOperations.all());
        documented.remove("GET /v1/payments/{id}/stream");
        com.fasterxml.jackson.databind.JsonNode document = OpenApiOperations.document();
        List<Operation> operations = documented.stream().map(op -> new Operation(OpenApiOperations.method(op),
                OpenApiOperations.path(op, Ids.next(op.contains("webhook_endpoints") ? "we" : "evt")),
                OpenApiOperations.scope(document, op))).toList();
        assertEquals(12, operations.size(), "the operations " + documented + ": add new ones to the tests");
        return operations;
    }

    /** Credentials that prove nothing here: none, a malformed key, another mode's, an unknown well-formed one. */
    static Stream<Arguments> unproven() {
        return Stream.of(Arguments.of("no credential", null),
                Arguments.of("a malformed key", "sk_test_not_a_key"),
                Arguments.of("a live-mode key", TestCredentials.A_LIVE_MODE),
                Arguments.of("an unknown key", ApiKeys.generate(ApiKeys.Kind.SECRET, "test")),
                Arguments.of("an unknown platform credential", PlatformCredential.generate()));
    }

    @ParameterizedTest(name = "{0} → 401 on every operation")
    @MethodSource("unproven")
    void everyOperationWithoutAValidCredentialIsUnauthenticated(String what, String credential) {
        assertAll(operations().stream().map(op -> (Executable) () -> (credential == null ? Api.anonymous()
                : Api.as(credential)).request(op.method(), op.path()).then()
                .statusCode(401).contentType("application/problem+json").body("code", equalTo("unauthenticated"))));
    }

    @Test
    void everyOperationNeedsItsEventsOrWebhooksScope() {
        List<Operation> operations = operations();
        assertEquals(Set.of(Scopes.EVENTS_READ, Scopes.WEBHOOKS_READ, Scopes.WEBHOOKS_WRITE),
                operations.stream().map(Operation::scope).collect(java.util.stream.Collectors.toSet()),
                "no platform-only operation here");
        assertAll(operations.stream().map(op -> (Executable) () -> Api.as(TestCredentials.A_ORDERS_READ)
                .request(op.method(), op.path()).then()
                .statusCode(403).contentType("application/problem+json")
                .body("code", equalTo("permission_denied")).body("param", equalTo(op.scope()))));
    }

    @Test
    void eachMerchantListsOnlyItsOwnEventsAndThePlatformListsAll() {
        Published events = published();
        List<String> ours = events.subjects();

        assertEquals(List.of(events.subject(Party.A), events.paymentOfA()), subjectsListed(Party.A, events));
        assertEquals(List.of(events.subject(Party.B)), subjectsListed(Party.B, events));
        assertEquals(ours, subjectsListed(Party.PLATFORM, events));
        // Whatever else the shared log holds, a merchant's page is its own.
        Api.asMerchantB().queryParam("limit", 100).get("/v1/events").then().statusCode(200)
                .body("data.merchant_id", everyItem(equalTo(TestCredentials.MERCHANT_B)));
        Api.given().queryParam("limit", 100).get("/v1/events").then().statusCode(200)
                .body("data.merchant_id", everyItem(equalTo(TestCredentials.MERCHANT_A)));
    }

    @ParameterizedTest(name = "{0} filtering by the subject of {1}''s event → {2}")
    @CsvSource(delimiter = '|', textBlock = """
            A        | A        | 1
            B        | B        | 1
            A        | B        | 0
            B        | A        | 0
            A        | PLATFORM | 0
            B        | PLATFORM | 0
            PLATFORM | A        | 1
            PLATFORM | PLATFORM | 1
            """)
    void theSubjectFilterWorksWithinTheCallersOwnEvents(Party reader, Party owner, int found) {
        reader.request().queryParam("subject", published().subject(owner)).get("/v1/events").then().statusCode(200)
                .body("data.size()", equalTo(found)).body("has_more", equalTo(false));
    }

    @ParameterizedTest(name = "{0} reading {1}''s event → {2}")
    @CsvSource(delimiter = '|', textBlock = """
            A        | A        | 200
            B        | B        | 200
            B        | A        | 404
            A        | B        | 404
            A        | PLATFORM | 404
            B        | PLATFORM | 404
            PLATFORM | A        | 200
            PLATFORM | PLATFORM | 200
            """)
    void anotherMerchantsEventIsNotFoundAsAnUnknownOneIs(Party reader, Party owner, int status) {
        String id = Api.asPlatform().queryParam("subject", published().subject(owner)).get("/v1/events").then()
                .extract().path("data[0].id");
        reader.request().get("/v1/events/{id}", id).then().statusCode(status);
        if (status == 404) {
            reader.request().get("/v1/events/{id}", Ids.next("evt")).then().statusCode(404)
                    .contentType("application/problem+json").body("code", equalTo("not_found"));
        }
    }

    @Test
    void aPaymentRequestBelongsToTheMerchantOfItsPayment() {
        Api.given().queryParam("subject", published().paymentOfA()).get("/v1/events").then().statusCode(200)
                .body("data[0].type", equalTo("payment.requested"))
                .body("data[0].merchant_id", equalTo(TestCredentials.MERCHANT_A));
    }

    @ParameterizedTest(name = "{0}={1} → 400 {0}")
    @CsvSource(delimiter = '|', textBlock = """
            starting_after | ord_01M82VNPAYE00BGW4A3DNH3EQ7
            starting_after | evt_
            starting_after | nope
            limit          | 0
            limit          | 101
            limit          | ten
            """)
    void badParametersAreRefusedNamingTheParameter(String param, String value) {
        Api.given().queryParam(param, value).get("/v1/events").then()
                .statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("invalid_request")).body("param", equalTo(param));
    }

    /**
     * The subjects of the published events that {@code caller} lists, in list order, following every page:
     * the shared log may hold many newer events of the same merchants (earlier modules' tests publish them).
     */
    private static List<String> subjectsListed(Party caller, Published events) {
        List<String> listed = new ArrayList<>();
        String after = events.before();
        boolean more = true;
        while (more) {
            JsonPath page = caller.request().queryParam("starting_after", after).queryParam("limit", 100)
                    .get("/v1/events").then().statusCode(200).extract().jsonPath();
            List<String> ids = page.getList("data.id", String.class);
            page.getList("data.subject", String.class).stream().filter(events.subjects()::contains).forEach(listed::add);
            more = page.getBoolean("has_more");
            after = ids.isEmpty() ? after : ids.get(ids.size() - 1);
        }
        return listed;
    }

    private Published published() {
        if (published == null) {
            Published events = new Published(Ids.next("evt"), Map.of(Party.A, Ids.next("ord"), Party.B, Ids.next("ord"),
                    Party.PLATFORM, Ids.next("ntc")), Ids.next("ord"));
            try (RelayedMessages relay = new RelayedMessages(bootstrap)) {
                // One partition key: recorded in the order of subjects().
                String key = events.before();
                relay.send(TOPIC, key, UUID.randomUUID().toString(), "order.created", events.subject(Party.A),
                        RelayedMessages.orderCreated(events.subject(Party.A), TestCredentials.MERCHANT_A));
                relay.send(TOPIC, key, UUID.randomUUID().toString(), "payment.requested", events.paymentOfA(),
                        bytes("""
                                {"saga_id":"%s","payment":{"payment_id":"%s","order_id":"%s","merchant_id":"%s",
                                 "customer_id":"cus_test","amount":3000,"currency":"CNY","method":"wallet"}}"""
                                .formatted(Ids.next("sag"), Ids.next("pay"), events.paymentOfA(),
                                        TestCredentials.MERCHANT_A)));
                relay.send(TOPIC, key, UUID.randomUUID().toString(), "order.created", events.subject(Party.B),
                        RelayedMessages.orderCreated(events.subject(Party.B), TestCredentials.MERCHANT_B));
                relay.send(TOPIC, key, UUID.randomUUID().toString(), "platform.notice", events.subject(Party.PLATFORM),
                        bytes("{\"note\":\"about no merchant\"}"));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> Party.PLATFORM.request()
                    .queryParam("subject", events.subject(Party.PLATFORM)).get("/v1/events").then()
                    .extract().jsonPath().getList("data").size() == 1);
            published = events;
        }
        return published;
    }
}

package dev.paysaga.e2e;

import static org.awaitility.Awaitility.await;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;

/**
 * The credentials the end-to-end tests call with, made the way an operator makes them: the local
 * suite's platform credential and service credential (.paysaga/keys, written by services.sh), and a
 * secret key of merchant {@value #MERCHANT} issued through payment-service's API once per test JVM.
 */
public final class Callers {
    public static final String MERCHANT = "mer_e2e";
    private static String merchantKey;

    private Callers() {
    }

    /** Merchant {@value #MERCHANT} with its secret key: the tests' usual caller. */
    public static RequestSpecification given() {
        return as(merchantKey());
    }

    public static RequestSpecification asPlatform() {
        return as(platformKey());
    }

    static RequestSpecification asService() {
        return as(serviceToken());
    }

    public static RequestSpecification as(String credential) {
        return RestAssured.given().header("Authorization", "Bearer " + credential);
    }

    /** A named platform operator's own credential ({@code alice} or {@code bob}: services.sh makes both). */
    public static String operatorKey(String name) {
        return read("operators/" + name + ".key");
    }

    static String serviceToken() {
        return read("service.token");
    }

    static String platformKey() {
        return read("platform.key");
    }

    public static synchronized String merchantKey() {
        if (merchantKey == null) {
            Suite.ensureRunning();
            merchantKey = newSecretKey(MERCHANT);
        }
        return merchantKey;
    }

    /**
     * Creates the merchant where missing, issues it a test secret key, and waits until every service
     * accepts the key (each learns it from the merchant.keys topic).
     */
    static String newSecretKey(String merchant) {
        int created = asPlatform().contentType(ContentType.JSON)
                .body("{\"id\":\"" + merchant + "\",\"name\":\"" + merchant + "\"}").post(Suite.GATEWAY + "/v1/merchants")
                .statusCode();
        if (created != 201 && created != 409) {
            throw new IllegalStateException("creating merchant " + merchant + " answered " + created);
        }
        String key = asPlatform().contentType(ContentType.JSON).body("{\"type\":\"secret\",\"mode\":\"test\"}")
                .post(Suite.GATEWAY + "/v1/merchants/" + merchant + "/api_keys").then().statusCode(201)
                .extract().path("secret");
        awaitAcceptedEverywhere(key);
        return key;
    }

    /** One operation answered by each service that takes merchant keys, for an object no one has. */
    static final Map<String, String> PROBES = Map.of("order-service", "/v1/orders/ord_none",
            "payment-service", "/v1/payments/pay_none", "saga-orchestrator", "/v1/sagas/sag_none",
            "notification-service", "/v1/events/evt_none", "ledger-service", "/v1/wallets/cus_none?currency=CNY");

    /** Waits until every service knows {@code key} (each learns it from the merchant.keys topic). */
    static void awaitAcceptedEverywhere(String key) {
        await().atMost(Duration.ofSeconds(30)).until(() -> PROBES.values().stream()
                .allMatch(path -> as(key).get(Suite.GATEWAY + path).statusCode() != 401));
    }

    private static String read(String file) {
        try {
            return Files.readString(Suite.ROOT.resolve(".paysaga/keys/" + file)).strip();
        } catch (IOException e) {
            throw new IllegalStateException("no " + file + " in .paysaga/keys: start the suite with services.sh", e);
        }
    }
}

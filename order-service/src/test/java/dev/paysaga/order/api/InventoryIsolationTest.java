package dev.paysaga.order.api;

import static dev.paysaga.order.OrderFixtures.assertInventory;
import static dev.paysaga.order.OrderFixtures.line;
import static dev.paysaga.order.OrderFixtures.orderAs;
import static dev.paysaga.order.OrderFixtures.problem;
import static dev.paysaga.order.OrderFixtures.setStock;
import static dev.paysaga.order.OrderFixtures.stock;
import static dev.paysaga.order.OrderFixtures.unique;
import static dev.paysaga.runtime.testing.Api.given;
import static org.hamcrest.Matchers.equalTo;

import dev.paysaga.runtime.testing.Api;
import dev.paysaga.runtime.testing.TestCredentials;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

/**
 * Stock is a merchant's: each merchant has its own SKU namespace, reads and sets only its own stock,
 * and its orders reserve and release only its own.
 */
@QuarkusTest
class InventoryIsolationTest {

    @Test
    void anotherMerchantsSkuOfTheSameNameIsItsOwnItem() {
        String sku = stock(10);
        problem(Api.asMerchantB().get("/v1/inventory/" + sku), 404, "not_found");

        setStock(Api.asMerchantB(), sku, 3);

        Api.asMerchantB().get("/v1/inventory/" + sku).then().statusCode(200)
                .body("merchant_id", equalTo(TestCredentials.MERCHANT_B)).body("on_hand", equalTo(3));
        given().get("/v1/inventory/" + sku).then().statusCode(200)
                .body("merchant_id", equalTo(TestCredentials.MERCHANT_A)).body("on_hand", equalTo(10));
    }

    @Test
    void anOrderReservesAndReleasesItsOwnMerchantsStock() {
        String sku = stock(10);
        setStock(Api.asMerchantB(), sku, 3);

        problem(orderAs(Api.asMerchantB(), null, unique("cus"), "CNY", line(sku, 4, 100)), 422, "insufficient_stock");
        String ofB = orderAs(Api.asMerchantB(), null, unique("cus"), "CNY", line(sku, 2, 100)).then().statusCode(201)
                .extract().path("id");
        String ofA = orderAs(given(), null, unique("cus"), "CNY", line(sku, 5, 100)).then().statusCode(201)
                .extract().path("id");
        assertInventory(sku, 10, 5);
        assertInventory(Api.asMerchantB(), sku, 3, 2);

        Api.asMerchantB().post("/v1/orders/" + ofB + "/cancel").then().statusCode(200);
        assertInventory(Api.asMerchantB(), sku, 3, 0);
        assertInventory(sku, 10, 5);

        given().post("/v1/orders/" + ofA + "/cancel").then().statusCode(200);
        assertInventory(sku, 10, 0);
        assertInventory(Api.asMerchantB(), sku, 3, 0);
    }

    @Test
    void aMerchantsOrderCannotTakeStockOnlyAnotherMerchantHas() {
        String sku = stock(10);

        problem(orderAs(Api.asMerchantB(), null, unique("cus"), "CNY", line(sku, 1, 100)), 422, "insufficient_stock");

        assertInventory(sku, 10, 0);
        problem(Api.asMerchantB().get("/v1/inventory/" + sku), 404, "not_found");
    }

    @Test
    void thePlatformNamesTheMerchantWhoseStockItMeans() {
        String sku = stock(10);
        setStock(Api.asMerchantB(), sku, 3);

        problem(Api.asPlatform().get("/v1/inventory/" + sku), 400, "invalid_request");
        problem(Api.asPlatform().contentType(ContentType.JSON).body("{\"on_hand\":1}").put("/v1/inventory/" + sku),
                400, "invalid_request");
        Api.asPlatform().queryParam("merchant_id", TestCredentials.MERCHANT_A).get("/v1/inventory/" + sku).then()
                .statusCode(200).body("on_hand", equalTo(10));
        Api.asPlatform().queryParam("merchant_id", TestCredentials.MERCHANT_B).contentType(ContentType.JSON)
                .body("{\"on_hand\":4}").put("/v1/inventory/" + sku).then().statusCode(200)
                .body("merchant_id", equalTo(TestCredentials.MERCHANT_B)).body("on_hand", equalTo(4));

        assertInventory(sku, 10, 0);
        assertInventory(Api.asMerchantB(), sku, 4, 0);
    }

    @Test
    void aMerchantKeyCannotNameAnotherMerchant() {
        String sku = stock(10);

        problem(given().queryParam("merchant_id", TestCredentials.MERCHANT_B).get("/v1/inventory/" + sku), 403,
                "permission_denied");
        problem(given().queryParam("merchant_id", TestCredentials.MERCHANT_B).contentType(ContentType.JSON)
                .body("{\"on_hand\":1}").put("/v1/inventory/" + sku), 403, "permission_denied");
        given().queryParam("merchant_id", TestCredentials.MERCHANT_A).get("/v1/inventory/" + sku).then()
                .statusCode(200);

        assertInventory(sku, 10, 0);
        problem(Api.asMerchantB().get("/v1/inventory/" + sku), 404, "not_found");
    }
}

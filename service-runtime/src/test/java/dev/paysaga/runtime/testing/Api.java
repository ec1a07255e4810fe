package dev.paysaga.runtime.testing;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/**
 * RestAssured requests carrying a credential, for the services' API tests: {@code Api.given()} is
 * merchant A with its secret key, the test's usual caller.
 */
public final class Api {
    private Api() {
    }

    public static RequestSpecification given() {
        return as(TestCredentials.A_SECRET);
    }

    public static RequestSpecification asMerchantB() {
        return as(TestCredentials.B_SECRET);
    }

    public static RequestSpecification asPlatform() {
        return as(TestCredentials.PLATFORM);
    }

    public static RequestSpecification asService() {
        return as(TestCredentials.SERVICE);
    }

    public static RequestSpecification as(String credential) {
        return RestAssured.given().header("Authorization", "Bearer " + credential);
    }

    public static RequestSpecification anonymous() {
        return RestAssured.given();
    }
}

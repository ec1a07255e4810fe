package dev.paysaga.payment.risk;

import static dev.paysaga.payment.testing.RiskApi.unique;
import static dev.paysaga.runtime.testing.Api.anonymous;
import static dev.paysaga.runtime.testing.Api.asPlatform;
import static dev.paysaga.runtime.testing.Api.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paysaga.payment.testing.RiskApi;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The rule set as versioned data: a PUT makes the next version and keeps the old ones readable; a malformed
 * set is refused whole, naming the field, and the version does not move; only the platform may read or
 * change the rules. Versions are compared, never assumed: other tests put rule sets too.
 */
@QuarkusTest
class RiskRulesApiTest {
    /** No later test or suite meets this test's rules. */
    @RegisterExtension
    final RiskApi.RulesRestored rules = new RiskApi.RulesRestored();

    private static Map<String, Object> blockList(String id) {
        return Map.of("id", id, "kind", "block_list", "field", "customer_id", "values", List.of(unique("cus")),
                "action", "alert");
    }

    @Test
    void aPutMakesTheNextVersionAndTheOldOneStaysReadable() {
        int before = RiskApi.currentVersion();
        String first = unique("first");
        String second = unique("second");

        int v1 = RiskApi.put(List.of(blockList(first)));
        int v2 = RiskApi.put(List.of(Map.of("id", second, "kind", "frequency", "scope", "merchant", "window", "PT10M",
                "max_count", 100, "max_amount", 1_000_000, "currency", "USD", "action", "block", "mode", "shadow")));

        assertTrue(v1 > before, v1 + " after " + before);
        assertTrue(v2 > v1, v2 + " after " + v1);
        asPlatform().get("/v1/risk/rules").then().statusCode(200).body("version", equalTo(v2))
                .body("rules[0].id", equalTo(second)).body("rules[0].window", equalTo("PT10M"))
                .body("rules[0].max_amount", equalTo(1_000_000)).body("rules[0].mode", equalTo("shadow"));
        asPlatform().get("/v1/risk/rules/versions/{v}", v1).then().statusCode(200).body("version", equalTo(v1))
                .body("rules.id", equalTo(List.of(first)))
                .body("rules[0].mode", equalTo("active")) // the default
                .body("rules[0].containsKey('window')", equalTo(false));
        asPlatform().get("/v1/risk/rules/versions/{v}", v2 + 1000).then().statusCode(404)
                .body("code", equalTo("not_found"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "unknown kind      | {'id':'r_x','kind':'velocity','action':'alert'}                                      | kind",
        "unknown currency  | {'id':'r_x','kind':'amount_above','currency':'XXX','amount':100,'action':'block'}    | currency",
        "bad window        | {'id':'r_x','kind':'frequency','scope':'customer','window':'1 minute','max_count':3,'action':'alert'} | window",
        "window over P1D   | {'id':'r_x','kind':'frequency','scope':'customer','window':'PT25H','max_count':3,'action':'alert'}    | window",
        "no limit          | {'id':'r_x','kind':'frequency','scope':'customer','window':'PT1M','action':'alert'}  | max_count",
        "amount, no currency | {'id':'r_x','kind':'frequency','scope':'merchant','window':'PT1M','max_amount':5,'action':'alert'} | currency",
        "bad scope         | {'id':'r_x','kind':'frequency','scope':'card','window':'PT1M','max_count':3,'action':'alert'} | scope",
        "bad id            | {'id':'Bad-Id','kind':'block_list','field':'customer_id','values':['c'],'action':'alert'} | id",
        "missing action    | {'id':'r_x','kind':'block_list','field':'customer_id','values':['c']}               | action",
        "bad mode          | {'id':'r_x','kind':'block_list','field':'customer_id','values':['c'],'action':'alert','mode':'dry'} | mode",
        "empty block list  | {'id':'r_x','kind':'block_list','field':'customer_id','values':[],'action':'alert'}  | values",
        "another kind's parameter | {'id':'r_x','kind':'block_list','field':'customer_id','values':['c'],'window':'PT1M','action':'alert'} | window",
        "repeated id       | {'id':'valid_first','kind':'block_list','field':'merchant_id','values':['m'],'action':'alert'} | id",
    })
    void aMalformedRuleIsRefusedNamingItsFieldAndTheVersionDoesNotMove(String name, String rule, String field) {
        refused(rule, field, "invalid_request");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "negative amount   | {'id':'r_x','kind':'amount_above','currency':'CNY','amount':-1,'action':'block'}     | amount",
        "amount as text    | {'id':'r_x','kind':'amount_above','currency':'CNY','amount':'100','action':'block'}  | amount",
        "zero max_amount   | {'id':'r_x','kind':'frequency','scope':'merchant','window':'PT1M','max_amount':0,'currency':'CNY','action':'alert'} | max_amount",
    })
    void anAmountOutOfRangeOrOfTheWrongTypeIsAmountInvalid(String name, String rule, String field) {
        refused(rule, field, "amount_invalid");
    }

    private static void refused(String rule, String field, String code) {
        int before = RiskApi.currentVersion();
        String body = "{\"rules\":[{\"id\":\"valid_first\",\"kind\":\"block_list\",\"field\":\"customer_id\","
                + "\"values\":[\"c\"],\"action\":\"alert\"}," + rule.replace('\'', '"') + "]}";

        asPlatform().contentType(ContentType.JSON).body(body).put("/v1/risk/rules").then().statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo(code)).body("param", equalTo("rules[1]." + field));

        assertEquals(before, RiskApi.currentVersion());
    }

    @Test
    void onlyThePlatformReadsOrChangesTheRules() {
        int before = RiskApi.currentVersion();
        String body = "{\"rules\":[]}";

        given().contentType(ContentType.JSON).body(body).put("/v1/risk/rules").then().statusCode(403)
                .contentType("application/problem+json").body("code", equalTo("permission_denied"));
        anonymous().contentType(ContentType.JSON).body(body).put("/v1/risk/rules").then().statusCode(401)
                .body("code", equalTo("unauthenticated"));
        for (String path : List.of("/v1/risk/rules", "/v1/risk/rules/versions/1", "/v1/risk/alerts",
                "/v1/risk/decisions/pay_x")) {
            given().get(path).then().statusCode(403).body("code", equalTo("permission_denied"));
        }

        assertEquals(before, RiskApi.currentVersion());
    }
}
